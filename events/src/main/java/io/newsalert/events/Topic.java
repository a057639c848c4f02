package io.newsalert.events;

/**
 * A topic from the taxonomy (IPTC Media Topics top level) with the classifier's score.
 *
 * @param code IPTC code, e.g. {@code medtop:16000000}
 * @param label short name usable in queries, e.g. {@code conflict}
 */
public record Topic(String code, String label, double score) {}
