package io.newsalert.alert.dispatch.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: a webhook must not make this service call into its own network. A URL whose host
 * resolves to a loopback, private, link-local (which holds the cloud metadata address
 * 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified address is refused,
 * at subscribe time and again before every send (DNS may have changed in between). IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by that address. Decimal
 * and short forms ({@code 2130706433}, {@code 127.1}) are read by the same JDK parser the sender
 * uses, so they are judged as what they will connect to. The allow-list
 * opens exact host names ({@code localhost}) or address ranges ({@code 127.0.0.0/8}, {@code ::1/128}),
 * for the local run and the tests.
 */
public final class WebhookTargetGuard {

    /** The target is refused for good; retrying will not help. */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String message) {
            super(message);
        }
    }

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();

    /** @param allow host names and CIDR ranges (or single addresses) that are let through */
    public WebhookTargetGuard(List<String> allow) {
        for (String entry : allow) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || looksLikeAddress(e)) {
                allowedRanges.add(Cidr.parse(e));
            } else {
                allowedHosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * Checks a webhook URL. Throws {@link RefusedTarget} with the reason when it is not acceptable,
     * {@link UnknownHostException} when its host does not resolve now (which may pass).
     */
    public void check(String url) throws RefusedTarget, UnknownHostException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedTarget("webhook url is not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("webhook url must be http or https: " + url);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTarget("webhook url has no host: " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedTarget("webhook url must not carry credentials before the host: " + url);
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(bareHost)) {
            if (allowedRanges.stream().anyMatch(r -> r.contains(address))) {
                continue;
            }
            String why = internalReason(address);
            if (why != null) {
                throw new RefusedTarget("webhook host " + host + " resolves to " + address.getHostAddress() + ", a " + why
                        + " address; refused unless allowed by newsalert.delivery.ssrf.allow");
            }
        }
    }

    /** Why an address is internal, or null when it is a public address. */
    static String internalReason(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "IETF protocol assignment";
            }
            if (first >= 240) {
                return "reserved";
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            // IPv6 forms that carry an IPv4 address a gateway may forward to: judge that address.
            if (isMappedOrCompatible(b) || isNat64(b)) {
                return embedded(b[12], b[13], b[14], b[15]);
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return embedded(b[2], b[3], b[4], b[5]); // 6to4 (2002::/16)
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                // Teredo (2001::/32): the client's IPv4 address is stored inverted in the last 4 bytes
                return embedded((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
            }
        }
        return null;
    }

    private static String embedded(byte a, byte b, byte c, byte d) {
        try {
            String why = internalReason(InetAddress.getByAddress(new byte[] {a, b, c, d}));
            return why == null ? null : why + " (inside an IPv6 address)";
        } catch (UnknownHostException e) {
            return "unreadable";
        }
    }

    /** The well-known NAT64 prefix 64:ff9b::/96 and the local-use 64:ff9b:1::/48. */
    private static boolean isNat64(byte[] b) {
        if (b[0] != 0 || b[1] != 0x64 || (b[2] & 0xff) != 0xff || (b[3] & 0xff) != 0x9b) {
            return false;
        }
        if (b[4] == 0 && b[5] == 1) {
            return true;
        }
        for (int i = 4; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedOrCompatible(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    private static boolean looksLikeAddress(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    /** An address range; parsing literals never touches DNS. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
                if (prefix < 0 || prefix > net.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in allow-list entry " + text);
                }
                return new Cidr(net, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("allow-list entry is neither a host name nor an address range: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
