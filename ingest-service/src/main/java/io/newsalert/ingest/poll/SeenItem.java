package io.newsalert.ingest.poll;

import java.time.Instant;

/**
 * An item a feed has shown recently.
 *
 * @param hash of the item's content (title, summary, content, link): a change means a correction
 * @param revision the revision this feed last published; 0 when another feed published the story
 *     first, so that feed alone tracks its revisions
 */
public record SeenItem(String hash, int revision, Instant lastSeen) {}
