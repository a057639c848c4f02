package io.newsalert.soak.corpus;

import io.newsalert.events.ArticleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One story of the load: its link (hence the product's article id), and each revision with the time
 * span during which some feed served it. Thread-safe: the newsroom changes it while the feed server
 * renders it.
 */
public final class Story {

    /** A revision and when feeds served it: from its first listing to its replacement or its last feed dropping it. */
    public record Shown(Revision revision, Instant from, Instant until) {}

    private final int number;
    private final String link;
    private final String articleId;
    private final List<Shown> shown = new ArrayList<>();
    private Revision current;
    private Instant currentFrom;
    private int listings;

    public Story(int number, String link, Revision first) {
        this.number = number;
        this.link = link;
        this.articleId = ArticleId.of(null, false, link);
        this.current = first;
    }

    public int number() {
        return number;
    }

    public String link() {
        return link;
    }

    public String articleId() {
        return articleId;
    }

    public synchronized Revision current() {
        return current;
    }

    /** A feed now lists it; the first listing makes the current revision visible. */
    public synchronized void listed(Instant now) {
        if (listings++ == 0 && currentFrom == null) {
            currentFrom = now;
        }
    }

    /** A feed no longer lists it (pushed out of the window, or the feed turned to garbage). */
    public synchronized void unlisted(Instant now) {
        if (--listings == 0 && currentFrom != null) {
            shown.add(new Shown(current, currentFrom, now));
            currentFrom = null;
        }
    }

    public synchronized boolean isListed() {
        return listings > 0;
    }

    /** Replaces the text everywhere it is listed. */
    public synchronized void revise(Revision next, Instant now) {
        if (currentFrom != null) {
            shown.add(new Shown(current, currentFrom, now));
            currentFrom = now;
        }
        current = next;
    }

    /** Every revision served so far; one still served ends at {@code asOf}. */
    public synchronized List<Shown> shown(Instant asOf) {
        List<Shown> all = new ArrayList<>(shown);
        if (currentFrom != null) {
            all.add(new Shown(current, currentFrom, asOf));
        }
        return all;
    }

    /** When a feed first served it, null if never. */
    public synchronized Instant firstVisible() {
        if (!shown.isEmpty()) {
            return shown.get(0).from();
        }
        return currentFrom;
    }
}
