package io.newsalert.events;

/**
 * A named entity found in an article.
 *
 * @param field "title" or "text"
 * @param start character offset into that field, inclusive
 * @param end character offset into that field, exclusive
 * @param canonical the name that groups variants ("Putin", "Wladimir Putin")
 */
public record Entity(EntityType type, String text, String canonical, String field, int start, int end) {}
