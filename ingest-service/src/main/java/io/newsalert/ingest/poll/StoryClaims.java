package io.newsalert.ingest.poll;

/**
 * Which feed a story belongs to, across feeds: the first feed to publish an article id owns it, so
 * a story carried by two feeds is published once.
 */
public interface StoryClaims {

    /** True when {@code feedId} may publish the article: no other feed has it. */
    boolean claim(String articleId, String feedId);
}
