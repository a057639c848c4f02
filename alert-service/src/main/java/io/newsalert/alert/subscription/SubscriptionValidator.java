package io.newsalert.alert.subscription;

import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.alert.query.QuerySyntaxException;
import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a subscription request field by field and builds the record to store. Every refusal says
 * which field and what is wrong ({@code channels[1].url: …}), and for a query where.
 */
public final class SubscriptionValidator {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** One @, no spaces, a dot in the domain: strict enough to catch typos, loose enough for real addresses. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>(),;:]+@[^@\\s\"<>(),;:]+\\.[^@\\s\"<>(),;:.]{2,}$");
    static final int MAX_NAME = 200;
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");

    private final QueryCompiler compiler = new QueryCompiler();

    /**
     * @param previous the stored subscription this replaces (PUT), or null (POST): its id, owner,
     *     creation time and webhook secrets (by URL) are kept
     */
    public Subscription validate(SubscriptionRequest r, String id, String owner, Subscription previous)
            throws InvalidSubscriptionException {
        if (r == null) {
            throw new InvalidSubscriptionException("the body must be a JSON subscription");
        }
        if (r.query() == null || r.query().isBlank()) {
            throw new InvalidSubscriptionException("query: is missing", 0, null);
        }
        try {
            compiler.compile(r.query());
        } catch (QuerySyntaxException e) {
            throw new InvalidSubscriptionException("query: " + e.getMessage(), e.position(), e);
        }
        String name = r.name() == null || r.name().isBlank() ? nameFromQuery(r.query()) : r.name().strip();
        if (name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            // The name goes into mail subjects and pages: no line breaks (header injection), no novels.
            throw new InvalidSubscriptionException("name: at most " + MAX_NAME + " characters on one line, without control characters");
        }
        Frequency frequency = frequency(r.frequency());
        String timezone = timezone(r.timezone());
        List<String> languages = languages(r.languages());
        List<String> feeds = feeds(r.feeds());
        List<Channel> channels = channels(r.channels(), previous);
        return new Subscription(SchemaVersion.CURRENT, id, owner, name, r.query().strip(), channels, frequency, timezone,
                languages, feeds, r.enabled() == null || r.enabled(), previous == null ? Instant.now() : previous.created());
    }

    /** A query may span lines; the name made of it is one line and not too long. */
    private static String nameFromQuery(String query) {
        String oneLine = query.strip().replaceAll("[\\s\\p{Cntrl}]+", " ");
        return oneLine.length() <= MAX_NAME ? oneLine : oneLine.substring(0, MAX_NAME - 1) + "…";
    }

    private static Frequency frequency(String value) throws InvalidSubscriptionException {
        if (value == null) {
            return Frequency.immediate;
        }
        try {
            return Frequency.valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSubscriptionException("frequency: '" + value + "' is not one of immediate, hourly, daily");
        }
    }

    private static String timezone(String value) throws InvalidSubscriptionException {
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidSubscriptionException("timezone: '" + value + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    private static List<String> languages(List<String> values) throws InvalidSubscriptionException {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
                if (!LANGUAGE.matcher(v).matches()) {
                    throw new InvalidSubscriptionException("languages[" + i + "]: '" + values.get(i) + "' is not an ISO 639 code such as de");
                }
                out.add(v);
            }
        }
        return out;
    }

    private static List<String> feeds(List<String> values) throws InvalidSubscriptionException {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isBlank()) {
                    throw new InvalidSubscriptionException("feeds[" + i + "]: a feed id is empty");
                }
                out.add(values.get(i).strip());
            }
        }
        return out;
    }

    private static List<Channel> channels(List<SubscriptionRequest.ChannelRequest> values, Subscription previous)
            throws InvalidSubscriptionException {
        if (values == null || values.isEmpty()) {
            throw new InvalidSubscriptionException("channels: at least one channel (webhook or email) is needed");
        }
        Map<String, String> knownSecrets = new java.util.HashMap<>();
        if (previous != null) {
            previous.channels().stream().filter(c -> c.type() == Channel.ChannelType.webhook)
                    .forEach(c -> knownSecrets.put(c.url(), c.secret()));
        }
        List<Channel> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            var c = values.get(i);
            String where = "channels[" + i + "]";
            String type = c == null || c.type() == null ? "" : c.type().strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case "webhook" -> {
                    String url = webhookUrl(where, c.url());
                    String secret = c.secret();
                    if (secret != null && !secret.isBlank()) {
                        if (!secret.startsWith("whsec_") || secret.length() < "whsec_".length() + 24) {
                            throw new InvalidSubscriptionException(where + ".secret: must be whsec_ followed by at least 24 characters (base64)");
                        }
                    } else {
                        secret = knownSecrets.getOrDefault(url, newSecret());
                    }
                    out.add(Channel.webhook(url, secret));
                }
                case "email" -> {
                    String address = c.address() == null ? "" : c.address().strip();
                    if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                        throw new InvalidSubscriptionException(where + ".address: '" + c.address() + "' is not an e-mail address");
                    }
                    out.add(Channel.email(address));
                }
                default -> throw new InvalidSubscriptionException(where + ".type: '" + (c == null ? null : c.type())
                        + "' is not webhook or email");
            }
        }
        return out;
    }

    private static String webhookUrl(String where, String value) throws InvalidSubscriptionException {
        if (value == null || value.isBlank()) {
            throw new InvalidSubscriptionException(where + ".url: a webhook needs a url");
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidSubscriptionException(where + ".url: '" + value + "' is not an http(s) URL");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new InvalidSubscriptionException(where + ".url: '" + value + "' has no host");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidSubscriptionException(where + ".url: '" + value + "' is not a URL (" + e.getReason()
                    + " at position " + e.getIndex() + ")");
        }
    }

    /** A Standard Webhooks secret: whsec_ and 32 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
