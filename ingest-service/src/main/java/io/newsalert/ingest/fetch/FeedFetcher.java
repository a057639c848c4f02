package io.newsalert.ingest.fetch;

import io.newsalert.ingest.fetch.FetchException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLException;

/**
 * Fetches a feed politely and defensively: conditional GET (If-None-Match, If-Modified-Since), gzip,
 * a User-Agent that names the project, redirects followed by hand (bounded, loops detected), one
 * deadline for the whole exchange, a byte limit that stops reading as soon as it is crossed, and
 * a per-host concurrency limit.
 */
public final class FeedFetcher implements AutoCloseable {

    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
                    + "text/xml;q=0.9, */*;q=0.5";

    private final FetchLimits limits;
    private final HttpClient client;
    private final HostLimiter hosts;

    public FeedFetcher(FetchLimits limits) {
        this.limits = limits;
        this.hosts = new HostLimiter(limits.perHostConcurrency());
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                // Redirects are followed here, not by the client, to bound them and name loops.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public FetchLimits limits() {
        return limits;
    }

    /**
     * @param etag the validator from the last 200, may be null
     * @param lastModified the Last-Modified from the last 200, may be null
     * @throws FetchException with a message a person can act on
     */
    public FetchResult fetch(String url, String etag, String lastModified) throws FetchException, InterruptedException {
        URI uri = parse(url);
        try (AutoCloseable slot = hosts.acquire(uri)) {
            return fetchWithRedirects(uri, etag, lastModified);
        } catch (FetchException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("releasing a host slot cannot fail", e);
        }
    }

    private FetchResult fetchWithRedirects(URI start, String etag, String lastModified)
            throws FetchException, InterruptedException {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        Set<URI> visited = new LinkedHashSet<>();
        URI uri = start;
        while (true) {
            if (!visited.add(uri)) {
                throw new FetchException(Kind.REDIRECT, "redirect loop: " + chain(visited, uri)
                        + "; the server sends the poller in a circle, check the feed's URL");
            }
            if (visited.size() > limits.maxRedirects() + 1) {
                throw new FetchException(Kind.REDIRECT, "more than " + limits.maxRedirects()
                        + " redirects: " + chain(visited, null) + "; register the final address instead");
            }
            HttpResponse<byte[]> response = send(uri, etag, lastModified, deadline);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new FetchException(Kind.REDIRECT, "HTTP " + status
                            + " redirect without a Location header from " + uri);
                }
                uri = parse(uri.resolve(location.strip()).toString());
                continue;
            }
            Instant now = Instant.now();
            if (status == 304) {
                return new FetchResult(true, status, uri, null, null,
                        response.headers().firstValue("ETag").orElse(etag),
                        response.headers().firstValue("Last-Modified").orElse(lastModified),
                        ResponseHints.maxAge(response.headers(), now));
            }
            if (status < 200 || status >= 300) {
                throw new FetchException(Kind.HTTP_STATUS, statusMessage(status, uri),
                        ResponseHints.retryAfter(response.headers(), now), null);
            }
            byte[] body = decode(response);
            return new FetchResult(false, status, uri, body,
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null),
                    ResponseHints.maxAge(response.headers(), now));
        }
    }

    private HttpResponse<byte[]> send(URI uri, String etag, String lastModified, long deadline)
            throws FetchException, InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(uri);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", limits.userAgent())
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (etag != null && !etag.isBlank()) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null && !lastModified.isBlank()) {
            request.header("If-Modified-Since", lastModified);
        }
        List<LimitedBody> bodies = new ArrayList<>(1);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), info -> {
            LimitedBody body = new LimitedBody(limits.maxBytes());
            bodies.add(body);
            return body;
        });
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The request timeout covers headers only; a body trickled byte by byte ends here.
            future.cancel(true);
            bodies.forEach(LimitedBody::abort);
            throw timeout(uri);
        } catch (InterruptedException e) {
            future.cancel(true);
            bodies.forEach(LimitedBody::abort);
            throw e;
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause());
        }
    }

    private FetchException timeout(URI uri) {
        return new FetchException(Kind.TIMEOUT, "no complete answer from " + uri.getHost() + " within "
                + limits.totalTimeout().toSeconds() + " s; the server is too slow or stalls", null, null);
    }

    private FetchException translate(URI uri, Throwable cause) {
        if (cause instanceof TooLarge) {
            return tooLarge(uri, cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchException(Kind.TIMEOUT, "cannot connect to " + authority(uri) + " within "
                    + limits.connectTimeout().toSeconds() + " s", null, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timeout(uri);
        }
        if (cause instanceof ConnectException) {
            return new FetchException(Kind.CONNECT, "cannot connect to " + authority(uri)
                    + " (connection refused or unreachable); is the server up?", null, cause);
        }
        if (cause instanceof UnknownHostException) {
            return new FetchException(Kind.CONNECT, "the host name " + uri.getHost()
                    + " does not resolve; check the URL", null, cause);
        }
        if (cause instanceof SSLException) {
            return new FetchException(Kind.CONNECT, "TLS with " + authority(uri) + " failed: "
                    + cause.getMessage(), null, cause);
        }
        if (cause instanceof IOException) {
            return new FetchException(Kind.CONNECT, "the connection to " + authority(uri)
                    + " broke: " + cause.getMessage(), null, cause);
        }
        return new FetchException(Kind.CONNECT, "fetching " + uri + " failed: " + cause, null, cause);
    }

    private FetchException tooLarge(URI uri, Throwable cause) {
        return new FetchException(Kind.TOO_LARGE, "the response from " + uri.getHost() + " is larger than the limit of "
                + limits.maxBytes() + " bytes; is it really a feed?", null, cause);
    }

    private byte[] decode(HttpResponse<byte[]> response) throws FetchException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip()
                .toLowerCase(Locale.ROOT);
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            return response.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            // The limit applies to the decoded size too: a gzip bomb is small on the wire.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.size() > limits.maxBytes()) {
                    throw tooLarge(response.uri(), null);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchException(Kind.PARSE, "the server said the body is gzip, but it cannot be "
                    + "decompressed: " + e.getMessage(), null, e);
        }
    }

    private static String statusMessage(int status, URI uri) {
        String advice = switch (status) {
            case 401, 403 -> "the server refuses access; the feed may need a login or block pollers";
            case 404 -> "the address does not exist (any more); check the URL or find the feed's new one";
            case 410 -> "the feed was removed for good; delete or replace it";
            case 429 -> "the server asks us to poll less often";
            case 500, 502, 503, 504 -> "the server has a problem of its own; it is retried later";
            default -> "unexpected answer";
        };
        return "HTTP " + status + " from " + uri + ": " + advice;
    }

    private static URI parse(String url) throws FetchException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new FetchException(Kind.BAD_URL, "not a valid URL: " + url, null, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new FetchException(Kind.BAD_URL, "only http and https URLs can be polled, not: " + url);
        }
        return uri;
    }

    private static String authority(URI uri) {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String chain(Set<URI> visited, URI repeat) {
        StringBuilder s = new StringBuilder();
        for (URI u : visited) {
            s.append(s.length() == 0 ? "" : " -> ").append(u);
        }
        if (repeat != null) {
            s.append(" -> ").append(repeat);
        }
        return s.toString();
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads are daemons and end with it.
    }

    /** Thrown into the body future when the byte limit is crossed. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("body exceeds " + limit + " bytes");
        }
    }

    /** Collects a body and cancels the exchange the moment it crosses the byte limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        LimitedBody(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        void abort() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("aborted at the deadline"));
        }
    }
}
