package io.newsalert.ingest.poll;

import io.newsalert.ingest.parse.FeedItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which items of a poll are news: a story no feed has published yet, and a change to an
 * item this feed lists (a correction), unless that text of the story is out already; see
 * {@link StoryClaims} for the revision it gets. An unchanged item, and another feed's story new to
 * this one, are not. Pure but for the claims it takes: the caller persists the result.
 */
public final class ArticleSelector {

    /**
     * An item to publish, with its revision; {@code hash} is this feed's view of it (text and link),
     * {@code textHash} the story's text, which the claims record once the broker has it.
     */
    public record Publication(FeedItem item, int revision, String hash, String textHash) {}

    /**
     * @param publish what to publish, in feed order
     * @param recent the feed's recent ids after this poll, to store once the publications are acknowledged
     */
    public record Selection(List<Publication> publish, Map<String, SeenItem> recent) {}

    private ArticleSelector() {}

    public static Selection select(String feedId, Map<String, SeenItem> previous, List<FeedItem> items,
            Instant now, int maxRecent, StoryClaims claims) {
        Map<String, SeenItem> recent = new LinkedHashMap<>(previous);
        List<Publication> publish = new ArrayList<>();
        Set<String> inThisPoll = new HashSet<>();
        for (FeedItem item : items) {
            if (!inThisPoll.add(item.id())) {
                continue; // a feed that lists a story twice still gets it published once
            }
            String hash = contentHash(item);
            SeenItem seen = recent.remove(item.id());
            if (seen != null && seen.hash().equals(hash)) {
                recent.put(item.id(), new SeenItem(seen.hash(), seen.revision(), now));
                continue;
            }
            if (seen == null && !claims.claim(item.id(), feedId)) {
                // Another feed's story, new to this one: its version of the text is not news, but a
                // later change to it here is (a correction the first feed may no longer list).
                recent.put(item.id(), new SeenItem(hash, 0, now));
                continue;
            }
            String text = textHash(item);
            int revision = claims.reserve(item.id(), text);
            if (revision > 0) {
                publish.add(new Publication(item, revision, hash, text));
            }
            int last = revision > 0 ? revision : seen == null ? 0 : seen.revision();
            recent.put(item.id(), new SeenItem(hash, last, now));
        }
        if (recent.size() > maxRecent) {
            // Forget the items gone from the feed longest ago; those still listed were just refreshed.
            List<Map.Entry<String, SeenItem>> byAge = new ArrayList<>(recent.entrySet());
            byAge.sort(Comparator.comparing(e -> e.getValue().lastSeen()));
            Map<String, SeenItem> kept = new LinkedHashMap<>();
            for (Map.Entry<String, SeenItem> e : byAge.subList(byAge.size() - maxRecent, byAge.size())) {
                kept.put(e.getKey(), e.getValue());
            }
            recent = kept;
        }
        return new Selection(publish, recent);
    }

    /** This feed's view of the item (text and link): a change is worth a look. */
    static String contentHash(FeedItem item) {
        return hash(item.title(), item.summary(), item.content(), item.link());
    }

    /**
     * What a reader would call "the same text" of the story: a text not yet out is worth publishing.
     * Without the link, which differs between feeds by their tracking parameters.
     */
    static String textHash(FeedItem item) {
        return hash(item.title(), item.summary(), item.content());
    }

    private static String hash(String... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                d.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
