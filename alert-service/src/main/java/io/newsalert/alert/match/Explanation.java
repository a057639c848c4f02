package io.newsalert.alert.match;

import io.newsalert.events.Span;
import java.util.List;

/** Why a query matched an article: where (spans) and the snippet with them marked. */
public record Explanation(List<Span> spans, String snippet) {

    /** Runs one query against one article in memory; empty when it does not match. */
    public static java.util.Optional<Explanation> of(io.newsalert.alert.query.CompiledQuery query, ArticleText article) {
        var searcher = ArticleDocument.memoryIndex(article).createSearcher();
        searcher.setQueryCache(null);
        List<Span> spans = SpanFinder.spans(searcher, query, article);
        return spans == null ? java.util.Optional.empty()
                : java.util.Optional.of(new Explanation(spans, Snippets.of(article, spans)));
    }
}
