package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.WordPairs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Splits a subscription's query into its OR branches as Lucene Monitor does, and rewrites each
 * branch once, when it is registered, instead of once per article it is a candidate for: the
 * rewrite of a boolean query walks and rebuilds it, and it took a tenth of the matcher's time.
 *
 * <p>An exact phrase in a rewritten branch is shown to the presearcher by its word pairs
 * ({@link PairedPhrase}), so that it is a candidate only where its words stand side by side.
 *
 * <p>Only branches whose rewrite cannot depend on the article are rewritten ahead: those made of
 * terms, phrases, span and boolean queries. A branch with a multi-term query (prefix, wildcard,
 * fuzzy, regexp, range) is kept as it is and rewritten against each article as before, because
 * a fuzzy query's rewrite looks up the article's terms.
 */
final class RewritingDecomposer extends QueryDecomposer {

    private static final IndexSearcher EMPTY = emptySearcher();

    private final QueryDecomposer plain = new QueryDecomposer();

    @Override
    public Set<Query> decompose(Query query) {
        Set<Query> out = new LinkedHashSet<>();
        for (Query branch : plain.decompose(query)) {
            out.add(independentOfArticle(branch) ? rewritten(branch) : branch);
        }
        return out;
    }

    private static Query rewritten(Query branch) {
        try {
            return new Rewritten(pairedPhrases(EMPTY.rewrite(branch)));
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting a query over an empty in-memory index cannot fail on I/O", e);
        }
    }

    /** The query with each exact phrase on a text field shown to the presearcher by its word pairs. */
    static Query pairedPhrases(Query query) {
        if (query instanceof PhraseQuery phrase) {
            return PairedPhrase.of(phrase);
        }
        if (query instanceof BoostQuery boost) {
            Query inner = pairedPhrases(boost.getQuery());
            return inner == boost.getQuery() ? boost : new BoostQuery(inner, boost.getBoost());
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder out = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (BooleanClause clause : bool.clauses()) {
                Query inner = pairedPhrases(clause.getQuery());
                changed |= inner != clause.getQuery();
                out.add(inner, clause.getOccur());
            }
            return changed ? out.build() : bool;
        }
        return query;
    }

    /**
     * An exact phrase (no slop, words at neighbouring positions) that shows the presearcher its
     * pairs of neighbouring words on the field's {@link ArticleSchema#pairsField} instead of its
     * words: an article has the phrase only if it has every such pair, and a pair is far rarer
     * than its words ("die Regierung" against "regierung"). It matches as the phrase does.
     */
    static final class PairedPhrase extends Query {
        private final PhraseQuery phrase;
        private final Term[] pairs;

        private PairedPhrase(PhraseQuery phrase, Term[] pairs) {
            this.phrase = phrase;
            this.pairs = pairs;
        }

        /** The phrase shown by its pairs where that is exact, else the phrase itself. */
        static Query of(PhraseQuery phrase) {
            Term[] terms = phrase.getTerms();
            int[] positions = phrase.getPositions();
            if (phrase.getSlop() != 0 || terms.length < 2 || !ArticleSchema.hasPairsField(phrase.getField())) {
                return phrase;
            }
            String field = ArticleSchema.pairsField(phrase.getField());
            Term[] pairs = new Term[terms.length - 1];
            for (int i = 0; i < pairs.length; i++) {
                if (positions[i + 1] != positions[i] + 1) {
                    return phrase;
                }
                pairs[i] = new Term(field, WordPairs.pair(terms[i].text(), terms[i + 1].text()));
            }
            return new PairedPhrase(phrase, pairs);
        }

        PhraseQuery phrase() {
            return phrase;
        }

        /** The pairs of neighbouring words on the pairs field: an article holds the phrase only where it holds them all. */
        Term[] pairs() {
            return pairs.clone();
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            return phrase.createWeight(searcher, scoreMode, boost);
        }

        @Override
        public Query rewrite(IndexSearcher searcher) {
            return this;
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.getSubVisitor(BooleanClause.Occur.MUST, this).consumeTerms(this, pairs);
        }

        @Override
        public String toString(String field) {
            return phrase.toString(field);
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && phrase.equals(((PairedPhrase) other).phrase);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), phrase);
        }
    }

    /** The query inside a branch's wrappers (rewritten form, boost, constant score), which do not change what it matches. */
    static Query unwrapped(Query query) {
        while (true) {
            if (query instanceof Rewritten r) {
                query = r.query();
            } else if (query instanceof BoostQuery b) {
                query = b.getQuery();
            } else if (query instanceof ConstantScoreQuery c) {
                query = c.getQuery();
            } else {
                return query;
            }
        }
    }

    /** Whether every leaf of the query is a plain term (term, phrase and span queries), so that its rewrite needs no index. */
    static boolean independentOfArticle(Query query) {
        boolean[] dependent = {false};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {}

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                dependent[0] = true;
            }

            @Override
            public void visitLeaf(Query q) {
                dependent[0] = true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return !dependent[0];
    }

    private static IndexSearcher emptySearcher() {
        MemoryIndex empty = new MemoryIndex();
        empty.freeze();
        return empty.createSearcher();
    }

    /**
     * A branch already in its rewritten form: it rewrites to itself, so the per-candidate rewrite
     * is a no-op, and it shows its terms to the presearcher as the branch does.
     */
    static final class Rewritten extends Query {
        private final Query query;

        Rewritten(Query query) {
            this.query = query;
        }

        Query query() {
            return query;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            return query.createWeight(searcher, scoreMode, boost);
        }

        @Override
        public Query rewrite(IndexSearcher searcher) {
            return this;
        }

        @Override
        public void visit(QueryVisitor visitor) {
            query.visit(visitor);
        }

        @Override
        public String toString(String field) {
            return query.toString(field);
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && query.equals(((Rewritten) other).query);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), query);
        }
    }
}
