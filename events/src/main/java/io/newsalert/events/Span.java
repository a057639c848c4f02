package io.newsalert.events;

/**
 * Where a query matched: a character range in one field of the article.
 *
 * @param term the query term that matched there
 */
public record Span(String field, int start, int end, String term) {}
