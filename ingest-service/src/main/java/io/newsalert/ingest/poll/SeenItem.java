package io.newsalert.ingest.poll;

import java.time.Instant;

/**
 * An item a feed has shown recently.
 *
 * @param hash of the item's content (title, summary, content, link): a change is a possible correction
 * @param revision the revision this feed last published of the story; 0 when it never published
 *     one (another feed had the same text out first)
 */
public record SeenItem(String hash, int revision, Instant lastSeen) {}
