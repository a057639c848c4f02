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
 * Decides which items of a poll are news: new stories (revision 1), corrections of stories this
 * feed published (same id, next revision), and nothing else. Pure: the caller persists the result.
 */
public final class ArticleSelector {

    /** An item to publish, with its revision. */
    public record Publication(FeedItem item, int revision, String hash) {}

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
            if (seen == null) {
                if (claims.claim(item.id(), feedId)) {
                    publish.add(new Publication(item, 1, hash));
                    recent.put(item.id(), new SeenItem(hash, 1, now));
                } else {
                    recent.put(item.id(), new SeenItem(hash, 0, now));
                }
            } else if (seen.revision() > 0 && !seen.hash().equals(hash)) {
                publish.add(new Publication(item, seen.revision() + 1, hash));
                recent.put(item.id(), new SeenItem(hash, seen.revision() + 1, now));
            } else {
                recent.put(item.id(), new SeenItem(seen.hash(), seen.revision(), now));
            }
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

    /** What a reader would call "the same text": a change here is a correction worth republishing. */
    static String contentHash(FeedItem item) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {item.title(), item.summary(), item.content(), item.link()}) {
                d.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
