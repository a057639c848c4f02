package io.newsalert.alert.match;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanPositionCheckQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * What an article must hold for a query (one branch of a subscription's query) to match: a few
 * clauses, each satisfied by any one of its conditions — a term in a field, a term starting with a
 * prefix, or any term at all in a field. Every clause is implied by the query (the article cannot
 * match without it), so checking clauses only ever lets through more than what matches, never less.
 *
 * <p>A query this class does not know has no clauses: it is run on every article. The clauses kept
 * are the {@value #MAX_CLAUSES} with the rarest conditions, judged by length (a long word, a word
 * pair of an exact phrase): the article must satisfy all of them, so a branch that needs a
 * compound's two parts or two words of an {@code AND} is a candidate only where both occur.
 */
final class RequiredTerms {

    static final int MAX_CLAUSES = 3;

    /** One condition an article's field can satisfy. */
    record Condition(Kind kind, String field, BytesRef bytes) {
        /** Longer terms and prefixes are rarer in articles; any term in a field is the weakest. */
        double weight() {
            return switch (kind) {
                case TERM -> bytes.length;
                case PREFIX -> bytes.length - 0.5;
                case ANY_TERM -> 0;
            };
        }
    }

    enum Kind { TERM, PREFIX, ANY_TERM }

    /** Satisfied when any of its conditions holds. */
    record Clause(Set<Condition> conditions, double weight) {
        static Clause of(Set<Condition> conditions) {
            return new Clause(conditions, conditions.stream().mapToDouble(Condition::weight).min().orElse(0));
        }
    }

    /**
     * Where a decided branch's hits are: every place of a term, or of two terms side by side (an
     * exact phrase of two words).
     */
    sealed interface Leaf permits TermLeaf, PairLeaf {}

    /**
     * Leaves are looked up per matching subscription in the article's {@link TermPlaces}: their
     * hash is computed once, not from the term bytes on every lookup.
     */
    record TermLeaf(Term term, int hash, List<String> texts) implements Leaf {
        /**
         * {@code texts} is the term's text as a hit names it, made once and interned: the query word a
         * hit came from is looked up by it ({@link io.newsalert.alert.query.CompiledQuery#originOf}),
         * whose keys are interned too, so that lookup compares references, not bytes.
         */
        TermLeaf(Term term) {
            this(term, term.hashCode(), List.of(term.text().intern()));
        }

        /** The one leaf of the term that branches hold ({@link #intern}). */
        static TermLeaf of(Term term) {
            return intern(new TermLeaf(term));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TermLeaf t && t.hash == hash && t.term.equals(term);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    record PairLeaf(TermLeaf first, TermLeaf second, int hash, List<String> texts) implements Leaf {
        /** The one leaf of the two words side by side that branches hold ({@link #intern}). */
        static PairLeaf of(Term first, Term second) {
            TermLeaf a = TermLeaf.of(first);
            TermLeaf b = TermLeaf.of(second);
            return intern(new PairLeaf(a, b, 31 * first.hashCode() + second.hashCode(), List.of(a.texts().get(0), b.texts().get(0))));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PairLeaf p && p.hash == hash && p.first.equals(first) && p.second.equals(second);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Each distinct leaf that a branch holds, once, so that an article's {@link TermPlaces} find leaves by identity. */
    private static final Map<Leaf, WeakReference<Leaf>> LEAVES = new WeakHashMap<>();

    /**
     * The leaf equal to this one that branches already hold, else this one. Weak: a leaf goes when
     * the last query holding it does. A leaf that is not interned still matches the same (it is only
     * memoised apart), so this is a saving, not a rule.
     */
    @SuppressWarnings("unchecked")
    private static <L extends Leaf> L intern(L leaf) {
        synchronized (LEAVES) {
            WeakReference<Leaf> known = LEAVES.get(leaf);
            Leaf canonical = known == null ? null : known.get();
            if (canonical != null) {
                return (L) canonical;
            }
            LEAVES.put(leaf, new WeakReference<>(leaf));
            return leaf;
        }
    }

    /**
     * What the candidate index keeps of a branch: its clauses and, when the clauses are the whole
     * query (a term, two words side by side, conjunctions and disjunctions of such), its leaves. Such
     * a branch is <em>decided</em> by the index: an article that satisfies every clause matches it,
     * so it is not run, and its hits are its leaves' places in the article. That is most of what
     * subscribers write — single words, names, two-word phrases, "a AND b".
     */
    record Requirement(List<Clause> clauses, List<Leaf> leaves) {
        boolean decided() {
            return leaves != null;
        }
    }

    private static final Comparator<Clause> RAREST_FIRST = Comparator.comparingDouble(Clause::weight).reversed();

    private RequiredTerms() {}

    /** The clauses of the query and, if they decide it, its leaves. */
    static Requirement requirement(Query query) {
        Exact exact = exact(query);
        if (exact != null && exact.clauses().size() <= MAX_CLAUSES) {
            List<Clause> clauses = new ArrayList<>(exact.clauses());
            clauses.sort(RAREST_FIRST);
            return new Requirement(List.copyOf(clauses), List.copyOf(exact.leaves()));
        }
        return new Requirement(of(query), null);
    }

    /** Clauses that hold exactly when the query matches, with the leaves that hold the hits. */
    private record Exact(List<Clause> clauses, List<Leaf> leaves) {}

    /** Null when the query is more than its clauses (positions, exclusions, optional extras, multi-term leaves). */
    private static Exact exact(Query wrapped) {
        Query query = RewritingDecomposer.unwrapped(wrapped);
        if (query instanceof TermQuery t) {
            return new Exact(List.of(anyOf(t.getTerm())), List.of(TermLeaf.of(t.getTerm())));
        }
        if (query instanceof RewritingDecomposer.PairedPhrase p && p.pairs().length == 1) {
            // Its one pair stands for the two words side by side: the pairs come from the field's own tokens.
            Term[] words = p.phrase().getTerms();
            return new Exact(List.of(anyOf(p.pairs())), List.of(PairLeaf.of(words[0], words[1])));
        }
        if (query instanceof BooleanQuery bool) {
            return exact(bool);
        }
        return null;
    }

    private static Exact exact(BooleanQuery bool) {
        List<Exact> must = new ArrayList<>();
        List<Exact> should = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            Exact child = exact(clause.getQuery());
            if (child == null || clause.getOccur() == BooleanClause.Occur.MUST_NOT) {
                return null;
            }
            (clause.getOccur() == BooleanClause.Occur.SHOULD ? should : must).add(child);
        }
        List<Clause> clauses = new ArrayList<>();
        List<Leaf> leaves = new ArrayList<>();
        if (!must.isEmpty() && should.isEmpty() && bool.getMinimumNumberShouldMatch() == 0) {
            Set<Set<Condition>> seen = new java.util.HashSet<>();
            for (Exact child : must) {
                child.clauses().stream().filter(c -> seen.add(c.conditions())).forEach(clauses::add);
                leaves.addAll(child.leaves());
            }
            return new Exact(clauses, leaves);
        }
        if (must.isEmpty() && !should.isEmpty() && bool.getMinimumNumberShouldMatch() <= 1) {
            // Any one child: exact as one clause only if each child is one clause.
            Set<Condition> union = new LinkedHashSet<>();
            for (Exact child : should) {
                if (child.clauses().size() != 1) {
                    return null;
                }
                union.addAll(child.clauses().get(0).conditions());
                leaves.addAll(child.leaves());
            }
            return new Exact(List.of(Clause.of(union)), leaves);
        }
        // Optional clauses beside required ones add hits without deciding; leave such queries to a run.
        return null;
    }

    /** The clauses the query implies, rarest first; empty when nothing is known (run it on every article). */
    static List<Clause> of(Query query) {
        List<Clause> clauses = required(query);
        return clauses == null ? List.of() : clauses;
    }

    /** Null for "no requirement known". */
    private static List<Clause> required(Query wrapped) {
        Query query = RewritingDecomposer.unwrapped(wrapped);
        if (query instanceof RewritingDecomposer.PairedPhrase p) {
            return allOf(p.pairs());
        }
        if (query instanceof TermQuery t) {
            return allOf(t.getTerm());
        }
        if (query instanceof PhraseQuery p) {
            return allOf(p.getTerms());
        }
        if (query instanceof MultiPhraseQuery mp) {
            List<Clause> out = new ArrayList<>();
            for (Term[] position : mp.getTermArrays()) {
                out.add(anyOf(position));
            }
            return conjunction(out);
        }
        if (query instanceof SynonymQuery s) {
            return s.getTerms().isEmpty() ? null : List.of(anyOf(s.getTerms().toArray(Term[]::new)));
        }
        if (query instanceof SpanTermQuery st) {
            return allOf(st.getTerm());
        }
        if (query instanceof SpanNearQuery near) {
            List<List<Clause>> children = new ArrayList<>();
            for (SpanQuery clause : near.getClauses()) {
                children.add(required(clause));
            }
            return allOfChildren(children);
        }
        if (query instanceof SpanOrQuery or) {
            List<List<Clause>> children = new ArrayList<>();
            for (SpanQuery clause : or.getClauses()) {
                children.add(required(clause));
            }
            return anyOfChildren(children);
        }
        if (query instanceof SpanNotQuery not) {
            return required(not.getInclude());
        }
        if (query instanceof SpanPositionCheckQuery check) {
            return required(check.getMatch());
        }
        if (query instanceof SpanMultiTermQueryWrapper<?> wrapper) {
            return required(wrapper.getWrappedQuery());
        }
        if (query instanceof DisjunctionMaxQuery dismax) {
            List<List<Clause>> children = new ArrayList<>();
            dismax.getDisjuncts().forEach(d -> children.add(required(d)));
            return anyOfChildren(children);
        }
        if (query instanceof BooleanQuery bool) {
            return required(bool);
        }
        if (query instanceof PrefixQuery p) {
            return prefix(p.getField(), p.getPrefix().bytes());
        }
        if (query instanceof WildcardQuery w) {
            String text = w.getTerm().text();
            return prefix(w.getField(), new BytesRef(text.substring(0, literalPrefixLength(text))));
        }
        if (query instanceof MultiTermQuery m) {
            // Fuzzy, regexp, range: each matches through some term of its field, whichever that is.
            return List.of(Clause.of(Set.of(new Condition(Kind.ANY_TERM, m.getField(), new BytesRef()))));
        }
        return null;
    }

    private static List<Clause> required(BooleanQuery bool) {
        List<List<Clause>> must = new ArrayList<>();
        List<List<Clause>> should = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> must.add(required(clause.getQuery()));
                case SHOULD -> should.add(required(clause.getQuery()));
                case MUST_NOT -> { }
            }
        }
        if (!must.isEmpty()) {
            return allOfChildren(must);
        }
        // Without required clauses at least one optional one must match (a query of exclusions only matches nothing).
        return should.isEmpty() ? null : anyOfChildren(should);
    }

    private static List<Clause> prefix(String field, BytesRef prefix) {
        Condition condition = prefix.length == 0 ? new Condition(Kind.ANY_TERM, field, new BytesRef())
                : new Condition(Kind.PREFIX, field, BytesRef.deepCopyOf(prefix));
        return List.of(Clause.of(Set.of(condition)));
    }

    /** A wildcard pattern's text up to its first wildcard or escape: every term it matches starts with that. */
    private static int literalPrefixLength(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == WildcardQuery.WILDCARD_STRING || c == WildcardQuery.WILDCARD_CHAR || c == WildcardQuery.WILDCARD_ESCAPE) {
                return i;
            }
        }
        return text.length();
    }

    private static List<Clause> allOf(Term... terms) {
        List<Clause> out = new ArrayList<>();
        for (Term t : terms) {
            out.add(anyOf(t));
        }
        return conjunction(out);
    }

    private static Clause anyOf(Term... terms) {
        Set<Condition> conditions = new LinkedHashSet<>();
        for (Term t : terms) {
            conditions.add(new Condition(Kind.TERM, t.field(), BytesRef.deepCopyOf(t.bytes())));
        }
        return Clause.of(conditions);
    }

    /** Every child's clauses hold; a child without known requirements adds none. */
    private static List<Clause> allOfChildren(List<List<Clause>> children) {
        List<Clause> out = new ArrayList<>();
        for (List<Clause> child : children) {
            if (child != null) {
                out.addAll(child);
            }
        }
        return conjunction(out);
    }

    /**
     * One child holds, so its clauses do: the k-th clause of the disjunction is the union of each
     * child's k-th clause (its last one where it has fewer), implied by whichever child matches.
     */
    private static List<Clause> anyOfChildren(List<List<Clause>> children) {
        int depth = 0;
        for (List<Clause> child : children) {
            if (child == null || child.isEmpty()) {
                return null;
            }
            depth = Math.max(depth, child.size());
        }
        if (children.isEmpty()) {
            return null;
        }
        List<Clause> out = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            Set<Condition> union = new LinkedHashSet<>();
            for (List<Clause> child : children) {
                union.addAll(child.get(Math.min(k, child.size() - 1)).conditions());
            }
            out.add(Clause.of(union));
        }
        return conjunction(out);
    }

    /** The distinct clauses, rarest first, at most {@value #MAX_CLAUSES}; null when there are none. */
    private static List<Clause> conjunction(List<Clause> clauses) {
        List<Clause> distinct = new ArrayList<>();
        Set<Set<Condition>> seen = new java.util.HashSet<>();
        for (Clause c : clauses) {
            if (!c.conditions().isEmpty() && seen.add(c.conditions())) {
                distinct.add(c);
            }
        }
        if (distinct.isEmpty()) {
            return null;
        }
        distinct.sort(RAREST_FIRST);
        return distinct.size() > MAX_CLAUSES ? List.copyOf(distinct.subList(0, MAX_CLAUSES)) : distinct;
    }
}
