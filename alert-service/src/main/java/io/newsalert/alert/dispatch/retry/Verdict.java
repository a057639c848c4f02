package io.newsalert.alert.dispatch.retry;

/** What one try means for a delivery. */
public enum Verdict {
    /** The endpoint took it. */
    DELIVERED,
    /** No or a transient answer (timeout, connection error, 408, 429, 5xx): try again later. */
    RETRY,
    /** The endpoint refused it for good (other 4xx, refused target): do not try again. */
    PERMANENT
}
