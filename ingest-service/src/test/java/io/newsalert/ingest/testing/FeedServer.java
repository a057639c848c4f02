package io.newsalert.ingest.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server for tests (the JDK's), serving feeds from test resources and recording every
 * request it saw, with its headers, so tests can assert what the poller sent.
 */
public final class FeedServer implements AutoCloseable {

    /** One request as the server saw it, and the status it answered. */
    public record Seen(String path, Headers headers, int status) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "feed-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** Serves bytes with a content type, an ETag, and 304 on a matching If-None-Match. */
    public FeedServer feed(String path, byte[] body, String contentType, String etag) {
        return handle(path, ex -> {
            if (etag != null && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.getResponseHeaders().set("ETag", etag);
                respond(ex, 304, null);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", contentType);
            if (etag != null) {
                ex.getResponseHeaders().set("ETag", etag);
            }
            respond(ex, 200, body);
        });
    }

    public FeedServer feed(String path, String body) {
        return feed(path, body.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=UTF-8", null);
    }

    /** A custom handler; the request is recorded with the status the handler sent. */
    public FeedServer handle(String path, Handler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException e) {
            // no handler there yet
        }
        server.createContext(path, ex -> {
            try {
                handler.handle(ex);
            } catch (IOException e) {
                // The client hung up (timeouts, size limits): exactly what some tests provoke.
            } finally {
                seen.add(new Seen(ex.getRequestURI().getPath(), ex.getRequestHeaders(), ex.getResponseCode()));
                ex.close();
            }
        });
        return this;
    }

    public static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    public List<Seen> requests(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public static byte[] resource(String name) {
        try (InputStream in = FeedServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A request handler that may throw. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

}
