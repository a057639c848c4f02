package io.newsalert.soak.ledger;

/** The unit of the ledger: one subscription and one article (all revisions of it). */
public record Pair(String subscriptionId, String articleId) {}
