package io.newsalert.alert.match;

import io.newsalert.alert.match.RequiredTerms.TermLeaf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.PriorityQueue;

/**
 * Whether a query branch matches an article, answered from the article's term positions
 * ({@link TermPlaces}) instead of by building Lucene's weight and scorer for it: most candidates
 * the presearcher lets through do not match (a compound's parts occur in the article, but not
 * near each other), and for them the run was the cost. The ones that match are explained from the
 * same positions ({@link #hits}): the hits Lucene's Matches API reports for the query, which
 * FastPathAgreementTest holds them to.
 *
 * <p>Only the shapes the query compiler makes are checked here, with Lucene's semantics: terms,
 * exact phrases, span-near of single terms (a compound's parts: unordered, or ordered when a part
 * repeats), and boolean combinations of those. {@link #of} answers null for anything else (sloppy phrases, multi-term
 * queries), which is then run by Lucene as before.
 */
sealed interface PositionCheck {

    boolean matches(TermPlaces places);

    /**
     * The hits Lucene's Matches API reports for the query on an article it {@link #matches}: the
     * same places with the same terms (their order aside, which the spans do not keep).
     */
    List<SpanFinder.Hit> hits(TermPlaces places);

    /** The check for the query, or null when it is not one of the shapes above. */
    static PositionCheck of(Query wrapped) {
        Query query = RewritingDecomposer.unwrapped(wrapped);
        if (query instanceof RewritingDecomposer.PairedPhrase p) {
            return of(p.phrase());
        }
        if (query instanceof MatchNoDocsQuery) {
            return Nothing.INSTANCE;
        }
        if (query instanceof TermQuery t) {
            return new TermCheck(TermLeaf.of(t.getTerm()));
        }
        if (query instanceof PhraseQuery p) {
            return p.getSlop() != 0 || p.getTerms().length == 0 || !ascending(p.getPositions()) ? null : Phrase.of(p);
        }
        if (query instanceof SpanNearQuery near) {
            return Near.of(near);
        }
        if (query instanceof BooleanQuery bool) {
            return Bool.of(bool);
        }
        return null;
    }

    /** Lucene's rewrite of a query that can match nothing. */
    enum Nothing implements PositionCheck {
        INSTANCE;

        @Override
        public boolean matches(TermPlaces places) {
            return false;
        }

        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            return List.of();
        }
    }

    /** Lucene's exact phrase matcher leads with the term of the lowest position: with positions in query order, the first. */
    private static boolean ascending(int[] positions) {
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] <= positions[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The terms' leaves: looked up in the article's term places per candidate. */
    private static TermLeaf[] leaves(Term[] terms) {
        TermLeaf[] out = new TermLeaf[terms.length];
        for (int i = 0; i < terms.length; i++) {
            out[i] = TermLeaf.of(terms[i]);
        }
        return out;
    }

    record TermCheck(TermLeaf term) implements PositionCheck {
        @Override
        public boolean matches(TermPlaces places) {
            return places.of(term).count() > 0;
        }

        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            return places.hits(term);
        }
    }

    /**
     * Every term at its offset from the first one's place (a slop-0 phrase); {@code texts} are the
     * terms as a phrase hit names them (all of them, in query order).
     */
    record Phrase(String field, TermLeaf[] terms, int[] offsets, List<String> texts) implements PositionCheck {
        static Phrase of(PhraseQuery p) {
            TermLeaf[] leaves = leaves(p.getTerms());
            List<String> texts = new ArrayList<>();
            for (TermLeaf leaf : leaves) {
                texts.add(leaf.texts().get(0));
            }
            return new Phrase(p.getField(), leaves, p.getPositions(), List.copyOf(texts));
        }

        /** One hit per place of the first term where the others follow, from its start to the last one's end. */
        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            TermPlaces.Places[] each = new TermPlaces.Places[terms.length];
            for (int i = 0; i < terms.length; i++) {
                each[i] = places.of(terms[i]);
            }
            int last = terms.length - 1;
            List<SpanFinder.Hit> out = new ArrayList<>();
            TermPlaces.Places first = each[0];
            for (int k = 0; k < first.count(); k++) {
                int base = first.positions()[k] - offsets[0];
                int end = -1;
                for (int i = 1; i <= last; i++) {
                    int at = Arrays.binarySearch(each[i].positions(), base + offsets[i]);
                    if (at < 0) {
                        end = -1;
                        break;
                    }
                    end = each[i].ends()[at];
                }
                if (last == 0) {
                    end = first.ends()[k];
                }
                if (end >= 0) {
                    out.add(new SpanFinder.Hit(field, first.starts()[k], end, texts));
                }
            }
            return out;
        }

        @Override
        public boolean matches(TermPlaces places) {
            TermPlaces.Places[] each = new TermPlaces.Places[terms.length];
            for (int i = 0; i < terms.length; i++) {
                each[i] = places.of(terms[i]);
                if (each[i].count() == 0) {
                    return false;
                }
            }
            for (int start : each[0].positions()) {
                int base = start - offsets[0];
                boolean all = true;
                for (int i = 1; i < terms.length && all; i++) {
                    all = Arrays.binarySearch(each[i].positions(), base + offsets[i]) >= 0;
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Lucene's unordered span-near over single terms: some place of each term such that the
     * window from the first to the last, less the terms' own lengths, is at most the slop —
     * {@code max - min + 1 - n <= slop}. The smallest windows are found by advancing the term
     * with the lowest place, as Lucene's NearSpansUnordered does.
     */
    record Near(String field, TermLeaf[] terms, int slop, List<List<String>> texts) implements PositionCheck {
        static PositionCheck of(SpanNearQuery near) {
            List<Term> terms = new ArrayList<>();
            for (SpanQuery clause : near.getClauses()) {
                // A term twice ("Kindeskinder": kind, kind) is two cursors over its places, as Lucene steps two spans of it.
                if (!(clause instanceof SpanTermQuery t)) {
                    return null;
                }
                terms.add(t.getTerm());
            }
            if (terms.isEmpty()) {
                return null;
            }
            TermLeaf[] leaves = leaves(terms.toArray(Term[]::new));
            List<List<String>> texts = new ArrayList<>();
            for (TermLeaf leaf : leaves) {
                texts.add(leaf.texts());
            }
            return near.isInOrder() ? new Ordered(near.getField(), leaves, near.getSlop(), List.copyOf(texts))
                    : new Near(near.getField(), leaves, near.getSlop(), List.copyOf(texts));
        }

        /**
         * Lucene's NearSpansUnordered, step for step: the terms' places in a priority queue by
         * position (Lucene's own queue, so that terms at one place — a compound's parts — come off
         * in its order), the lowest advanced until the window fits, then every further fitting
         * window; each window's hits are each term's place in it, by position (in clause order
         * where equal), as SpanWeight's sub-matches are.
         */
        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            int n = terms.length;
            TermPlaces.Places[] each = new TermPlaces.Places[n];
            Cursor[] cursors = new Cursor[n];
            PriorityQueue<Cursor> window = new PriorityQueue<>(n) {
                @Override
                protected boolean lessThan(Cursor a, Cursor b) {
                    return a.position < b.position;
                }
            };
            int maxEnd = -1;
            for (int i = 0; i < n; i++) {
                each[i] = places.of(terms[i]);
                if (each[i].count() == 0) {
                    return List.of();
                }
                cursors[i] = new Cursor(i, each[i].positions()[0]);
                window.add(cursors[i]);
                maxEnd = Math.max(maxEnd, cursors[i].position + 1);
            }
            List<SpanFinder.Hit> out = new ArrayList<>();
            Cursor[] byPosition = new Cursor[n];
            while (true) {
                if (maxEnd - window.top().position - n <= slop) {
                    System.arraycopy(cursors, 0, byPosition, 0, n);
                    // Stable, as Lucene's sort of the collected terms is.
                    Arrays.sort(byPosition, BY_POSITION);
                    for (Cursor c : byPosition) {
                        TermPlaces.Places p = each[c.term];
                        out.add(new SpanFinder.Hit(field, p.starts()[c.at], p.ends()[c.at], texts.get(c.term)));
                    }
                }
                Cursor top = window.top();
                if (top.at + 1 == each[top.term].count()) {
                    return out;
                }
                top.position = each[top.term].positions()[++top.at];
                maxEnd = Math.max(maxEnd, top.position + 1);
                window.updateTop();
            }
        }

        private static final Comparator<Cursor> BY_POSITION = Comparator.comparingInt(c -> c.position);

        /** One term's current place in the window. */
        private static final class Cursor {
            final int term;
            int at;
            int position;

            Cursor(int term, int position) {
                this.term = term;
                this.position = position;
            }
        }

        @Override
        public boolean matches(TermPlaces places) {
            int n = terms.length;
            int[][] positions = new int[n][];
            for (int i = 0; i < n; i++) {
                positions[i] = places.of(terms[i]).positions();
                if (positions[i].length == 0) {
                    return false;
                }
            }
            long widest = (long) slop + n - 1;
            int[] at = new int[n];
            while (true) {
                int lowest = 0;
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    int p = positions[i][at[i]];
                    if (p < min) {
                        min = p;
                        lowest = i;
                    }
                    max = Math.max(max, p);
                }
                if ((long) max - min <= widest) {
                    return true;
                }
                if (++at[lowest] == positions[lowest].length) {
                    return false;
                }
            }
        }
    }

    /**
     * Lucene's ordered span-near over single terms (a compound of one part twice, "Kindeskinder":
     * two places of it): NearSpansOrdered, step for step. The first term goes from place to place;
     * each later term is moved forward to its first place after the one before it; the gaps between
     * them add up to the window's width, and a window of at most the slop matches. The walk ends
     * when a later term has no place left, as Lucene's does.
     */
    record Ordered(String field, TermLeaf[] terms, int slop, List<List<String>> texts) implements PositionCheck {
        @Override
        public boolean matches(TermPlaces places) {
            return walk(places, null);
        }

        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            List<SpanFinder.Hit> out = new ArrayList<>();
            walk(places, out);
            return out;
        }

        /** Whether some window matches; with {@code hits} given, every matching window's places go there. */
        private boolean walk(TermPlaces places, List<SpanFinder.Hit> hits) {
            int n = terms.length;
            TermPlaces.Places[] each = new TermPlaces.Places[n];
            for (int i = 0; i < n; i++) {
                each[i] = places.of(terms[i]);
                if (each[i].count() == 0) {
                    return false;
                }
            }
            int[] at = new int[n];
            Arrays.fill(at, -1);
            boolean matched = false;
            while (++at[0] < each[0].count()) {
                int prevEnd = each[0].positions()[at[0]] + 1;
                long width = 0;
                for (int i = 1; i < n; i++) {
                    int[] positions = each[i].positions();
                    while (at[i] < 0 || positions[at[i]] < prevEnd) {
                        if (++at[i] == positions.length) {
                            return matched;
                        }
                    }
                    width += positions[at[i]] - prevEnd;
                    prevEnd = positions[at[i]] + 1;
                }
                if (width <= slop) {
                    if (hits == null) {
                        return true;
                    }
                    matched = true;
                    for (int i = 0; i < n; i++) {
                        hits.add(new SpanFinder.Hit(field, each[i].starts()[at[i]], each[i].ends()[at[i]], texts.get(i)));
                    }
                }
            }
            return matched;
        }
    }

    /** Lucene's boolean semantics: every required clause, no excluded one, and enough optional ones. */
    record Bool(PositionCheck[] required, PositionCheck[] optional, PositionCheck[] excluded, int minimumOptional)
            implements PositionCheck {
        static Bool of(BooleanQuery bool) {
            List<PositionCheck> required = new ArrayList<>();
            List<PositionCheck> optional = new ArrayList<>();
            List<PositionCheck> excluded = new ArrayList<>();
            for (BooleanClause clause : bool.clauses()) {
                PositionCheck check = PositionCheck.of(clause.getQuery());
                if (check == null) {
                    return null;
                }
                switch (clause.getOccur()) {
                    case MUST, FILTER -> required.add(check);
                    case SHOULD -> optional.add(check);
                    case MUST_NOT -> excluded.add(check);
                }
            }
            int minimum = bool.getMinimumNumberShouldMatch();
            if (minimum == 0 && required.isEmpty()) {
                // Without required clauses one optional clause must match; exclusions alone match nothing.
                minimum = 1;
            }
            return new Bool(required.toArray(PositionCheck[]::new), optional.toArray(PositionCheck[]::new),
                    excluded.toArray(PositionCheck[]::new), minimum);
        }

        @Override
        public boolean matches(TermPlaces places) {
            for (PositionCheck c : required) {
                if (!c.matches(places)) {
                    return false;
                }
            }
            if (minimumOptional > 0) {
                int found = 0;
                for (int i = 0; i < optional.length && found < minimumOptional; i++) {
                    if (optional[i].matches(places)) {
                        found++;
                    }
                }
                if (found < minimumOptional) {
                    return false;
                }
            }
            for (PositionCheck c : excluded) {
                if (c.matches(places)) {
                    return false;
                }
            }
            return true;
        }

        /** As BooleanWeight's matches: the hits of every required clause and of each optional one that matches. */
        @Override
        public List<SpanFinder.Hit> hits(TermPlaces places) {
            List<SpanFinder.Hit> out = new ArrayList<>();
            for (PositionCheck c : required) {
                out.addAll(c.hits(places));
            }
            for (PositionCheck c : optional) {
                if (c.matches(places)) {
                    out.addAll(c.hits(places));
                }
            }
            return out;
        }
    }
}
