package io.newsalert.soak.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The faults a soak run can inject while the load runs, by their command-line names. */
public enum Fault {
    /** kill -9 of ingest-service, then start it again. */
    KILL_INGEST,
    KILL_ENRICH,
    KILL_ALERT,
    /** kill -9 and restart of each service in turn. */
    KILL_ALL,
    /** The broker stopped for 30 s, then started again on the same data. */
    BROKER_STOP,
    /** The subscribers' endpoints answer 500 for a minute, then take 10 s per call for a minute. */
    WEBHOOK_500,
    /** One feed starts serving bytes that are not a feed. */
    GARBAGE_FEED,
    /** Ten times the article rate for a minute. */
    BURST;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault parse(String name) {
        for (Fault f : values()) {
            if (f.cliName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault " + name + "; known: "
                + Arrays.stream(values()).map(Fault::cliName).collect(Collectors.joining(", ")));
    }
}
