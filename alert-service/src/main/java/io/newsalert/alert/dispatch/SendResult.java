package io.newsalert.alert.dispatch;

import io.newsalert.alert.dispatch.retry.Verdict;
import java.time.Duration;

/**
 * The answer to one try at sending a notification over one channel.
 *
 * @param status the HTTP status (webhooks), 250 for accepted mail, 0 when there was no answer
 * @param error why it failed, null when delivered
 * @param retryAfter how long the endpoint asked us to wait, null when it did not say
 * @param body the start of the endpoint's answer, for the test endpoint; may be empty
 */
public record SendResult(Verdict verdict, int status, String error, java.time.Duration retryAfter, String body) {

    public static SendResult delivered(int status, String body) {
        return new SendResult(Verdict.DELIVERED, status, null, null, body);
    }

    public static SendResult retry(int status, String error, Duration retryAfter) {
        return new SendResult(Verdict.RETRY, status, error, retryAfter, "");
    }

    public static SendResult permanent(int status, String error) {
        return new SendResult(Verdict.PERMANENT, status, error, null, "");
    }
}
