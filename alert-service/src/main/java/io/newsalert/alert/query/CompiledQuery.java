package io.newsalert.alert.query;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * A subscriber's query, ready to run.
 *
 * @param source the query as written
 * @param query the Lucene query over the indexed fields (see ArticleSchema)
 * @param origins for each indexed term, the word of the query it came from ("abzug" →
 *     "Truppenabzug"), so that a match can say which query word it found
 */
public record CompiledQuery(String source, Query query, Map<String, String> origins) {

    public CompiledQuery {
        // Interned keys: the matcher asks with interned term texts, and a lookup then compares references.
        Map<String, String> interned = new HashMap<>();
        origins.forEach((term, word) -> interned.put(term.intern(), word));
        origins = Map.copyOf(interned);
    }

    public String originOf(String indexedTerm) {
        return origins.getOrDefault(indexedTerm, indexedTerm);
    }
}
