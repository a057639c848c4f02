package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;

/**
 * Lets the presearcher pick prefix queries ({@code Ukrain*}) like term queries. Without it Monitor
 * cannot say which terms such a query needs and runs it on every article, once per field and
 * reading: in the soak's 10,000 subscriptions the 3 % with a prefix were 2,700 of the 2,800 queries
 * run per article and two thirds of the matcher's CPU. A prefix query is indexed under its prefix
 * (marked), and an article's text terms bring their prefixes (marked), so the query is a candidate
 * only where some word starts with its prefix. A wildcard's literal start counts as its prefix.
 * Prefixes shorter than {@value #MIN} or longer than {@value #MAX} stay always-run: correct, just slower.
 */
final class PrefixCandidates implements CustomQueryHandler {

    static final int MIN = 3;
    static final int MAX = 12;
    /** Marks a prefix term; no analyzer emits this character. */
    private static final String MARK = "\u001F*";

    @Override
    public TokenStream wrapTermStream(String field, TokenStream ts) {
        // The text fields' readings (text.de, title.exact, ...); not the presearcher's word pairs (text.de.pairs).
        String queryField = ArticleSchema.queryField(field);
        boolean reading = (ArticleSchema.isTextField(queryField) || queryField.equals(ArticleSchema.CONTENT))
                && field.indexOf('.') == field.lastIndexOf('.');
        return reading ? new WithPrefixes(ts) : ts;
    }

    @Override
    public QueryTree handleQuery(Query q, TermWeightor weightor) {
        String field;
        String prefix;
        if (q instanceof PrefixQuery p) {
            field = p.getField();
            prefix = p.getPrefix().text();
        } else if (q instanceof WildcardQuery w) {
            field = w.getField();
            String text = w.getTerm().text();
            int wild = indexOfWildcard(text);
            prefix = wild < 0 ? text : text.substring(0, wild);
        } else {
            return null;
        }
        if (prefix.length() < MIN || prefix.length() > MAX) {
            return null;
        }
        return QueryTree.term(new Term(field, prefix + MARK), weightor);
    }

    private static int indexOfWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    /** Each term, then its marked prefixes of {@value #MIN} to {@value #MAX} characters. */
    private static final class WithPrefixes extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private String current;
        private int nextLength;

        WithPrefixes(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (current != null && nextLength <= Math.min(current.length(), MAX)) {
                // Cleared, or a filter after this one keeps adding to the position increment it left.
                clearAttributes();
                term.setEmpty().append(current, 0, nextLength).append(MARK);
                nextLength++;
                return true;
            }
            if (!input.incrementToken()) {
                current = null;
                return false;
            }
            current = term.toString();
            nextLength = MIN;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            current = null;
        }
    }
}
