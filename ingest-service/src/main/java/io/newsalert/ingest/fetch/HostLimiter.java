package io.newsalert.ingest.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most N fetches to one host at a time, so that many feeds on one site do not hammer it. */
public final class HostLimiter {

    private final int perHost;
    private final ConcurrentHashMap<String, Semaphore> permits = new ConcurrentHashMap<>();

    public HostLimiter(int perHost) {
        this.perHost = Math.max(1, perHost);
    }

    /** Blocks until the host has a free slot; the returned handle gives it back. */
    public AutoCloseable acquire(URI uri) throws InterruptedException {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Semaphore s = permits.computeIfAbsent(host, h -> new Semaphore(perHost, true));
        s.acquire();
        return s::release;
    }
}
