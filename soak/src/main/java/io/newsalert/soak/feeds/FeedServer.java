package io.newsalert.soak.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Serves the synthetic feeds on loopback; counts requests and 304s for the report. */
public final class FeedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "feed-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();

    public FeedServer(List<SyntheticFeed> feeds) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        for (SyntheticFeed f : feeds) {
            server.createContext(f.path(), exchange -> {
                try (exchange) {
                    serve(f, exchange);
                }
            });
        }
        server.start();
    }

    private void serve(SyntheticFeed feed, HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String etag = feed.etag();
        byte[] body = feed.body();
        if (feed.sendsEtag()) {
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", feed.contentType());
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public URI url(SyntheticFeed feed) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + feed.path());
    }

    public long requests() {
        return requests.get();
    }

    public long notModified() {
        return notModified.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
