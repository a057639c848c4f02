package io.newsalert.alert.subscription;

/** A subscription request that cannot be stored: which field, what is wrong, and for a query where. */
public class InvalidSubscriptionException extends Exception {

    private final Integer position;

    public InvalidSubscriptionException(String message) {
        this(message, null, null);
    }

    public InvalidSubscriptionException(String message, Integer position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public Integer position() {
        return position;
    }
}
