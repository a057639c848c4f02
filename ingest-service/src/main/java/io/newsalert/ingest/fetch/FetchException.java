package io.newsalert.ingest.fetch;

import java.time.Duration;

/**
 * A fetch that brought no feed. The message is a sentence a person can act on; the kind is a
 * short label for metrics; retryAfter is the server's own wish, when it gave one.
 */
public class FetchException extends Exception {

    /** Short, stable labels: metrics tag errors with them. */
    public enum Kind { CONNECT, TIMEOUT, TOO_LARGE, REDIRECT, HTTP_STATUS, BAD_URL, PARSE }

    private final Kind kind;
    private final Duration retryAfter;

    public FetchException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public FetchException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
