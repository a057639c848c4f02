package io.newsalert.alert.query;

/** A query a subscriber wrote that cannot be used: what is wrong, and where (0-based character). */
public class QuerySyntaxException extends Exception {

    private final int position;

    public QuerySyntaxException(String message, int position, Throwable cause) {
        super(message, cause);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
