package io.newsalert.alert.match;

import io.newsalert.alert.match.RequiredTerms.Leaf;
import io.newsalert.alert.match.RequiredTerms.PairLeaf;
import io.newsalert.alert.match.RequiredTerms.TermLeaf;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;

/**
 * Where each term stands in one article (positions and offsets, read once from its
 * {@link ArticleTerms}), and from that the hits of decided branches ({@link CandidateIndex.Branch#decided}) and
 * the positions {@link PositionCheck} tests. The same word is asked for by many subscriptions;
 * each would otherwise build a query, a weight and Lucene's Matches for it.
 *
 * <p>The hits are what the Matches API reports for the same query: each place of a term (its
 * offsets, the term), and each place of an exact two-word phrase (first word's start to second
 * word's end, both terms). One per article and thread; not thread-safe.
 */
final class TermPlaces {

    /** A term's places in position order; parallel arrays. */
    record Places(int[] positions, int[] starts, int[] ends) {
        static final Places NONE = new Places(new int[0], new int[0], new int[0]);

        int count() {
            return positions.length;
        }
    }

    private final ArticleTerms article;
    // By identity: branches hold one leaf per distinct term or pair (RequiredTerms.intern).
    // Sized for the few hundred leaves an article's candidates ask for at 100,000 subscriptions: growing from the default resized them four times.
    private final Map<TermLeaf, Places> byTerm = new IdentityHashMap<>(256);
    private final Map<Leaf, List<SpanFinder.Hit>> byLeaf = new IdentityHashMap<>(256);

    TermPlaces(ArticleTerms article) {
        this.article = article;
    }

    /** The hits of the leaves, in their order; a leaf the article does not hold adds none. */
    List<SpanFinder.Hit> hits(List<Leaf> leaves) {
        if (leaves.size() == 1) {
            return hits(leaves.get(0));
        }
        List<SpanFinder.Hit> out = new ArrayList<>();
        for (Leaf leaf : leaves) {
            out.addAll(hits(leaf));
        }
        return out;
    }

    /** The term's places in the article; {@link Places#NONE} when it lacks the term. */
    Places of(TermLeaf term) {
        Places known = byTerm.get(term);
        if (known == null) {
            known = read(term.term());
            byTerm.put(term, known);
        }
        return known;
    }

    /** The hits of one leaf: each place of its term, or of its two words side by side. */
    List<SpanFinder.Hit> hits(Leaf leaf) {
        List<SpanFinder.Hit> known = byLeaf.get(leaf);
        if (known == null) {
            known = leaf instanceof PairLeaf p ? pairHits(p) : termHits((TermLeaf) leaf);
            byLeaf.put(leaf, known);
        }
        return known;
    }

    private List<SpanFinder.Hit> termHits(TermLeaf leaf) {
        Places places = of(leaf);
        if (places.count() == 0) {
            return List.of();
        }
        Term term = leaf.term();
        List<String> terms = leaf.texts();
        SpanFinder.Hit[] out = new SpanFinder.Hit[places.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new SpanFinder.Hit(term.field(), places.starts()[i], places.ends()[i], terms);
        }
        return List.of(out);
    }

    /** Where the second word stands right after the first, as an exact phrase finds it. */
    private List<SpanFinder.Hit> pairHits(PairLeaf pair) {
        TermLeaf first = pair.first();
        TermLeaf second = pair.second();
        Places a = of(first);
        Places b = of(second);
        if (a.count() == 0 || b.count() == 0) {
            return List.of();
        }
        List<String> terms = pair.texts();
        List<SpanFinder.Hit> out = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < a.count(); i++) {
            int next = a.positions()[i] + 1;
            while (j < b.count() && b.positions()[j] < next) {
                j++;
            }
            // One hit per place of the first word that the second follows, as Lucene's exact phrase matcher reports them.
            if (j < b.count() && b.positions()[j] == next) {
                out.add(new SpanFinder.Hit(first.term().field(), a.starts()[i], b.ends()[j], terms));
            }
        }
        return List.copyOf(out);
    }

    private Places read(Term term) {
        return article.places(term.field(), term.bytes());
    }
}
