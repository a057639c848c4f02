package io.newsalert.ingest.fetch;

import java.net.URI;
import java.time.Duration;

/**
 * The answer to a conditional GET.
 *
 * @param notModified the server answered 304: the feed is unchanged and {@code body} is null
 * @param finalUri where the body came from after redirects
 * @param etag the validator to send as If-None-Match next time (the old one on a 304 without one)
 * @param lastModified the validator to send as If-Modified-Since next time
 * @param maxAge how long the server asks us not to come back (Cache-Control max-age / Expires), or null
 */
public record FetchResult(boolean notModified, int status, URI finalUri, byte[] body, String contentType,
        String etag, String lastModified, Duration maxAge) {}
