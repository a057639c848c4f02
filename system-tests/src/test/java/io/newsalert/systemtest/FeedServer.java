package io.newsalert.systemtest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server with one RSS feed from the test resources. It sends neither ETag nor
 * Last-Modified, so every poll gets the whole feed again: whatever keeps a story from alerting twice
 * has to be the pipeline's own deduplication, not HTTP caching.
 */
final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    FeedServer(String resource) throws IOException {
        byte[] feed;
        try (InputStream in = FeedServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            feed = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feeds/seed.xml", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                exchange.getResponseHeaders().add("content-type", "application/rss+xml; charset=utf-8");
                exchange.sendResponseHeaders(200, feed.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(feed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/seed.xml");
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
