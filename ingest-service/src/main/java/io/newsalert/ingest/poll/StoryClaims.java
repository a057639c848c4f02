package io.newsalert.ingest.poll;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this instance has published of each story, across its feeds: the story's newest revision
 * number and the texts that are out. A story carried by several feeds is published by the first
 * that shows it, as revision 1; a correction (an item whose text changes in a feed that lists it) as
 * the next revision, whichever feed shows it, unless that text is out already. Any feed may bring a
 * correction: the first feed may have dropped the story from its window by the time it is corrected
 * (the soak harness found such corrections lost when only the first feed tracked revisions).
 *
 * <p>Revision numbers are reserved when a poll selects an item and never handed out twice, so two
 * feeds polled at once cannot publish different texts under one number (enrich-service keeps only a
 * higher revision). A text counts as out only once the broker has acknowledged it: a failed publish
 * is selected again at the next poll. Bounded: the least recently used stories are forgotten; one
 * that comes back after that is published again, and enrich-service drops it as a duplicate.
 * Thread-safe.
 */
public final class StoryClaims {

    /** Stories remembered; far more than all feeds list at once (e.g. 1,000 feeds of 50 items). */
    public static final int DEFAULT_CAPACITY = 200_000;

    private static final class Story {
        String owner;
        int revision;
        final Set<String> textsOut = new HashSet<>(2);
    }

    private final Map<String, Story> stories;

    public StoryClaims(int capacity) {
        this.stories = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Story> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The revision to publish this text of the story as, reserved for the caller; 0 when this text
     * is out already.
     */
    public synchronized int reserve(String articleId, String textHash) {
        Story s = stories.computeIfAbsent(articleId, id -> new Story());
        if (s.textsOut.contains(textHash)) {
            return 0;
        }
        return ++s.revision;
    }

    /**
     * True when {@code feedId} may publish the story at first sight: no other feed has it. The first
     * feed to ask owns the story from then on, so two feeds polled at once publish it once.
     */
    public synchronized boolean claim(String articleId, String feedId) {
        Story s = stories.computeIfAbsent(articleId, id -> new Story());
        if (s.owner == null) {
            s.owner = feedId;
        }
        return s.owner.equals(feedId);
    }

    /** The broker acknowledged this text of the story. */
    public synchronized void published(String articleId, String textHash) {
        stories.computeIfAbsent(articleId, id -> new Story()).textsOut.add(textHash);
    }

    /** At start-up, from a feed's stored state: a revision of the story this feed published. */
    public synchronized void remember(String articleId, String feedId, int revision) {
        Story s = stories.computeIfAbsent(articleId, id -> new Story());
        s.revision = Math.max(s.revision, revision);
        if (s.owner == null) {
            s.owner = feedId;
        }
    }

    synchronized int size() {
        return stories.size();
    }
}
