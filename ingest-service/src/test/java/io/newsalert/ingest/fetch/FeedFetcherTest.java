package io.newsalert.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsalert.ingest.fetch.FetchException.Kind;
import io.newsalert.ingest.testing.FeedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FeedFetcherTest {

    private static final byte[] FEED = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
            .getBytes(StandardCharsets.UTF_8);

    private final FeedServer server = new FeedServer();
    private final FeedFetcher fetcher = new FeedFetcher(new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(2),
            1024 * 1024, 3, 1, FetchLimits.DEFAULT_USER_AGENT));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void conditionalGetSendsValidatorsAndReads304AsNotModified() throws Exception {
        server.handle("/feed", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                FeedServer.respond(ex, 304, null);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            ex.getResponseHeaders().set("Last-Modified", "Wed, 16 Feb 2022 15:46:00 GMT");
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=600");
            FeedServer.respond(ex, 200, FEED);
        });
        FetchResult first = fetcher.fetch(server.url("/feed"), null, null);
        assertThat(first.notModified()).isFalse();
        assertThat(first.body()).isEqualTo(FEED);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.maxAge()).isEqualTo(Duration.ofSeconds(600));

        FetchResult second = fetcher.fetch(server.url("/feed"), first.etag(), first.lastModified());
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isNull();
        assertThat(second.etag()).isEqualTo("\"v1\"");
        FeedServer.Seen seen = server.requests("/feed").get(1);
        assertThat(seen.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(seen.header("If-Modified-Since")).isEqualTo("Wed, 16 Feb 2022 15:46:00 GMT");
        assertThat(seen.status()).isEqualTo(304);
        assertThat(seen.header("User-Agent")).startsWith("Newsalert/");
        assertThat(seen.header("Accept-Encoding")).contains("gzip");
    }

    @Test
    void gzipBodiesAreDecoded() throws Exception {
        server.handle("/gz", ex -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(FEED);
            }
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FeedServer.respond(ex, 200, zipped.toByteArray());
        });
        assertThat(fetcher.fetch(server.url("/gz"), null, null).body()).isEqualTo(FEED);
    }

    @Test
    void redirectsAreFollowedButBoundedAndLoopsNamed() throws Exception {
        server.handle("/old", ex -> redirect(ex, "/new"));
        server.handle("/new", ex -> FeedServer.respond(ex, 200, FEED));
        FetchResult moved = fetcher.fetch(server.url("/old"), null, null);
        assertThat(moved.body()).isEqualTo(FEED);
        assertThat(moved.finalUri().getPath()).isEqualTo("/new");

        server.handle("/a", ex -> redirect(ex, "/b"));
        server.handle("/b", ex -> redirect(ex, "/a"));
        assertThatThrownBy(() -> fetcher.fetch(server.url("/a"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("redirect loop")
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(Kind.REDIRECT));

        for (int i = 1; i <= 5; i++) {
            int next = i + 1;
            server.handle("/hop" + i, ex -> redirect(ex, "/hop" + next));
        }
        assertThatThrownBy(() -> fetcher.fetch(server.url("/hop1"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("more than 3 redirects");
    }

    @Test
    void oversizeBodyIsCutOffAtTheLimit() {
        AtomicInteger written = new AtomicInteger();
        server.handle("/huge", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: the size is not announced
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 200; i++) { // 12.5 MB if nobody stops it
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            }
        });
        assertThatThrownBy(() -> fetcher.fetch(server.url("/huge"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the limit")
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void gzipBombIsCutOffAtTheLimitOfTheDecodedSize() {
        server.handle("/bomb", ex -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(new byte[5 * 1024 * 1024]); // 5 MB of zeros, a few KB on the wire
            }
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            FeedServer.respond(ex, 200, zipped.toByteArray());
        });
        assertThatThrownBy(() -> fetcher.fetch(server.url("/bomb"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("larger than the limit");
    }

    @Test
    @Timeout(10)
    void slowLorisIsStoppedByTheTotalDeadline() {
        server.handle("/slow", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('<');
                    out.flush();
                    sleep(200);
                }
            }
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(server.url("/slow"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("within 2 s")
                .satisfies(e -> assertThat(((FetchException) e).kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void errorStatusesSayWhatToDoAndCarryRetryAfter() {
        server.handle("/busy", ex -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            FeedServer.respond(ex, 503, "busy".getBytes(StandardCharsets.UTF_8));
        });
        assertThatThrownBy(() -> fetcher.fetch(server.url("/busy"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(((FetchException) e).retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        server.handle("/gone", ex -> FeedServer.respond(ex, 404, "no".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> fetcher.fetch(server.url("/gone"), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("HTTP 404").hasMessageContaining("check the URL");
    }

    @Test
    void refusedConnectionAndBadUrlsAreClearErrors() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> fetcher.fetch("http://localhost:" + closedPort + "/feed", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("cannot connect");
        assertThatThrownBy(() -> fetcher.fetch("file:///etc/passwd", null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("only http and https");
    }

    @Test
    void oneHostGetsAtMostItsShareOfConcurrentFetches() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        server.handle("/busy-host", ex -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            sleep(150);
            now.decrementAndGet();
            FeedServer.respond(ex, 200, FEED);
        });
        List<CompletableFuture<FetchResult>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return fetcher.fetch(server.url("/busy-host"), null, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<FetchResult> f : all) {
            assertThat(f.get().body()).isEqualTo(FEED);
        }
        assertThat(max.get()).isEqualTo(1);
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String to) throws IOException {
        ex.getResponseHeaders().set("Location", to);
        FeedServer.respond(ex, 302, null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
