package io.newsalert.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The id of an article: one story, one id, whichever feed or poll it came through.
 *
 * <p>A guid the feed marks as a permalink is a link and is canonicalised like one; otherwise the
 * item's canonical link identifies it, because the same story reached through two feeds shares its
 * link but rarely its guid. An item with neither link nor permalink falls back to its opaque guid.
 */
public final class ArticleId {

    private ArticleId() {}

    /**
     * @param guid the item's guid (RSS) or id (Atom), may be null
     * @param guidIsPermaLink whether the feed says the guid is the item's URL
     * @param link the item's link, may be null
     * @throws IllegalArgumentException when the item has neither guid nor link
     */
    public static String of(String guid, boolean guidIsPermaLink, String link) {
        if (!isBlank(guid) && guidIsPermaLink) {
            return hash("link:" + canonicalLink(guid));
        }
        if (!isBlank(link)) {
            return hash("link:" + canonicalLink(link));
        }
        if (!isBlank(guid)) {
            return hash("guid:" + guid.strip());
        }
        throw new IllegalArgumentException("an item needs a guid or a link to be identified");
    }

    /**
     * Lower-cases scheme and host, drops the default port, the fragment and tracking parameters
     * ({@code utm_*}, {@code fbclid}, {@code gclid}); keeps every other parameter in its order.
     * A string that is not a URI is returned stripped, so that it still hashes stably.
     */
    public static String canonicalLink(String link) {
        String s = link.strip();
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return s;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return s;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = (at >= 0 ? authority.substring(at + 1) : authority).toLowerCase(Locale.ROOT);
        // Only a port the URI parser read as the port is dropped: in an authority it cannot read
        // ("host:80:80") a trailing ":80" is not a port, and dropping it would not be idempotent.
        boolean defaultPort = uri.getHost() != null
                && (scheme.equals("http") && uri.getPort() == 80 || scheme.equals("https") && uri.getPort() == 443);
        if (defaultPort && hostPort.endsWith(":" + uri.getPort())) {
            hostPort = hostPort.substring(0, hostPort.lastIndexOf(':'));
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(scheme).append("://").append(userInfo).append(hostPort);
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        String query = keptQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String keptQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringJoiner kept = new StringJoiner("&");
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || name.equals("fbclid") || name.equals("gclid")) {
                continue;
            }
            kept.add(param);
        }
        return kept.toString();
    }

    /** First 8 bytes of SHA-256, as 16 hex digits: short enough to read, ample against collisions. */
    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
