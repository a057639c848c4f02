package io.newsalert.ingest.parse;

/** A body that is not a readable feed; the message is a sentence a person can act on. */
public class FeedParseException extends Exception {

    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
