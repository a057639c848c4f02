package io.newsalert.soak.corpus;

/** One version of a story's text as the feeds serve it; {@code number} counts from 1 like the product's revision. */
public record Revision(int number, String title, String text) {}
