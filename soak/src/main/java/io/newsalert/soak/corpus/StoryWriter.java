package io.newsalert.soak.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes synthetic stories from real sentences: a headline and three to six sentences picked at
 * random. A revision keeps the text and appends one sentence (and marks the title), the usual
 * shape of a correction or an update, so a revision never loses a term the earlier one had.
 */
public final class StoryWriter {

    private final SentencePool pool;
    private final SplittableRandom random;

    public StoryWriter(SentencePool pool, long seed) {
        this.pool = pool;
        this.random = new SplittableRandom(seed);
    }

    public synchronized Revision first() {
        String title = pool.headline(random.nextInt(pool.headlineCount()));
        int n = 3 + random.nextInt(4);
        List<String> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(pool.sentence(random.nextInt(pool.size())));
        }
        return new Revision(1, title, String.join(" ", parts));
    }

    public synchronized Revision revise(Revision previous) {
        String added = pool.sentence(random.nextInt(pool.size()));
        String title = previous.title().endsWith(" (aktualisiert)") ? previous.title() : previous.title() + " (aktualisiert)";
        return new Revision(previous.number() + 1, title, previous.text() + " " + added);
    }
}
