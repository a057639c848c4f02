package io.newsalert.alert.match;

import io.newsalert.alert.analysis.Analysis;
import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.query.CompiledQuery;
import io.newsalert.events.Entity;
import io.newsalert.events.Span;
import io.newsalert.events.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Says why a query matched an article: the spans (field, offsets into the original field text,
 * the query word that matched), from hits: Lucene's Matches API over a one-document index, or the
 * same hits read from the article's term places ({@link TermPlaces}, {@link PositionCheck}).
 *
 * <p>A text hit points at the words in title or text. An entity hit points at every place the
 * entity occurs in the article (its offsets from enrich-service). A topic, feed or language hit
 * points at the value itself (field {@code topic}/{@code feed}/{@code lang}, offsets into the value).
 */
final class SpanFinder {

    private static final Analyzer NAMES = Analysis.plain();

    private SpanFinder() {}

    /** The raw hits of a query on the article, or null when it does not match. */
    static List<Hit> hits(IndexSearcher searcher, Query query) throws IOException {
        LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
        return matches(weight, leaf) ? hits(weight, leaf) : null;
    }

    /**
     * Whether the one document matches: the cheap test every candidate takes. Most candidates do
     * not match, and building their hits (the Matches API) costs several times more.
     */
    static boolean matches(Weight weight, LeafReaderContext leaf) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return false;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        if (twoPhase == null) {
            return scorer.iterator().nextDoc() == 0;
        }
        return twoPhase.approximation().nextDoc() == 0 && twoPhase.matches();
    }

    /** The hits of a weight that matches the one document. */
    static List<Hit> hits(Weight weight, LeafReaderContext leaf) throws IOException {
        Matches matches = weight.matches(leaf, 0);
        if (matches == null) {
            return null;
        }
        List<Hit> hits = new ArrayList<>();
        for (String field : matches) {
            MatchesIterator it = matches.getMatches(field);
            if (it == null) {
                continue;
            }
            while (it.next()) {
                MatchesIterator sub = it.getSubMatches();
                if (sub == null) {
                    hits.add(new Hit(field, it.startOffset(), it.endOffset(), terms(it.getQuery())));
                } else {
                    while (sub.next()) {
                        hits.add(new Hit(field, sub.startOffset(), sub.endOffset(), terms(sub.getQuery())));
                    }
                }
            }
        }
        return hits;
    }

    /** One place a query term was found in an indexed field. */
    record Hit(String indexField, int start, int end, List<String> terms) {}

    /** The hits as spans of the article, named by the query words they came from, in reading order. */
    static List<Span> spans(List<Hit> hits, ArticleText article, Function<String, String> origin) {
        return spans(hits, article, origin, new EntityNames(article.entities()));
    }

    /**
     * An article's entities by the tokens of their names, each name analysed once per article: the
     * entities are looked up by every subscription that matched the article on {@code entity:}, and
     * analysing the names again for each took a tenth of the time spent explaining matches.
     */
    static final class EntityNames {
        private final List<Entity> entities;
        /** Per name token, the entities (by index) whose text or canonical name has it; made at the first entity hit. */
        private Map<String, List<Integer>> byToken;
        private List<Set<String>> names;

        /** The entities, their names analysed here when first needed. */
        EntityNames(List<Entity> entities) {
            this.entities = entities;
        }

        /** The entities with the tokens of each one's names (text and canonical), analysed as {@link #names} does. */
        EntityNames(List<Entity> entities, List<Set<String>> names) {
            if (names.size() != entities.size()) {
                throw new IllegalArgumentException(names.size() + " name sets for " + entities.size() + " entities");
            }
            this.entities = entities;
            this.names = names;
        }

        /** The entities whose names hold every one of the terms, in the article's order. */
        List<Entity> having(List<String> terms) {
            if (terms.isEmpty()) {
                return entities;
            }
            if (byToken == null) {
                byToken = new HashMap<>();
                if (names == null) {
                    names = new ArrayList<>(entities.size());
                    for (Entity entity : entities) {
                        names.add(names(entity));
                    }
                }
                for (int i = 0; i < entities.size(); i++) {
                    for (String token : names.get(i)) {
                        byToken.computeIfAbsent(token, t -> new ArrayList<>(2)).add(i);
                    }
                }
            }
            List<Entity> out = new ArrayList<>(2);
            for (int i : byToken.getOrDefault(terms.get(0), List.of())) {
                if (names.get(i).containsAll(terms)) {
                    out.add(entities.get(i));
                }
            }
            return out;
        }
    }

    static List<Span> spans(List<Hit> hits, ArticleText article, Function<String, String> origin, EntityNames names) {
        List<Span> spans = new ArrayList<>(hits.size());
        List<String> lastTerms = null;
        List<String> lastEntityTerms = null;
        String word = "";
        for (Hit hit : hits) {
            String field = ArticleSchema.queryField(hit.indexField());
            // The hits of one term share its list: its query word is looked up once.
            if (hit.terms() != lastTerms) {
                lastTerms = hit.terms();
                word = lastTerms.isEmpty() ? "" : origin.apply(lastTerms.get(0));
            }
            switch (field) {
                case ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT -> {
                    if (hit.start() >= 0 && hit.end() <= article.field(field).length()) {
                        spans.add(new Span(field, hit.start(), hit.end(), word));
                    }
                }
                case ArticleSchema.ENTITY -> {
                    // A name's hits are its places in the entity field, one per mention, and each names the
                    // same entities: they were looked up and added once per hit, n mentions giving n² spans.
                    if (hit.terms() == lastEntityTerms) {
                        continue;
                    }
                    lastEntityTerms = hit.terms();
                    for (Entity entity : names.having(hit.terms())) {
                        // An entity without a place (a preview may send none) points at its own name.
                        spans.add(entity.field() == null
                                ? new Span(ArticleSchema.ENTITY, 0, entity.text().length(), word)
                                : new Span(entity.field(), entity.start(), entity.end(), word));
                    }
                }
                case ArticleSchema.TOPIC -> {
                    for (Topic topic : article.topics()) {
                        if (hit.terms().contains(lower(topic.label())) || hit.terms().contains(lower(topic.code()))) {
                            spans.add(new Span(field, 0, topic.label().length(), topic.label()));
                        }
                    }
                }
                default -> {
                    String value = field.equals(ArticleSchema.FEED) ? article.feed() : article.language();
                    spans.add(new Span(field, 0, value == null ? 0 : value.length(), word));
                }
            }
        }
        if (spans.size() < 2) {
            return spans;
        }
        spans.sort(READING_ORDER);
        return distinct(spans);
    }

    /** The sorted spans without repeats: in a total order, equal spans stand together. */
    private static List<Span> distinct(List<Span> sorted) {
        List<Span> out = new ArrayList<>(sorted.size());
        for (Span span : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(span)) {
                out.add(span);
            }
        }
        return out;
    }

    /**
     * Title first, then by field, start, end and query word: a total order, so that the spans do not
     * depend on the order hits were found in (Lucene's Matches, or the term places the fast paths read).
     */
    private static final Comparator<Span> READING_ORDER = (a, b) -> {
        boolean aTitle = a.field().equals(ArticleSchema.TITLE);
        if (aTitle != b.field().equals(ArticleSchema.TITLE)) {
            return aTitle ? -1 : 1;
        }
        int c = a.field().compareTo(b.field());
        if (c == 0) {
            c = Integer.compare(a.start(), b.start());
        }
        if (c == 0) {
            c = Integer.compare(a.end(), b.end());
        }
        return c != 0 ? c : a.term().compareTo(b.term());
    };

    static List<Span> spans(IndexSearcher searcher, CompiledQuery query, ArticleText article) {
        try {
            List<Hit> hits = hits(searcher, query.query());
            return hits == null ? null : spans(hits, article, query::originOf);
        } catch (IOException e) {
            throw new UncheckedIOException("matching in memory cannot fail on I/O", e);
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
    }

    static Set<String> names(Entity entity) {
        Set<String> tokens = new HashSet<>(tokens(entity.text()));
        if (entity.canonical() != null && !entity.canonical().equals(entity.text())) {
            tokens.addAll(tokens(entity.canonical()));
        }
        return tokens;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        try (TokenStream stream = NAMES.tokenStream(ArticleSchema.ENTITY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> terms(Query query) {
        List<String> terms = new ArrayList<>();
        if (query != null) {
            query.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query q, Term... ts) {
                    for (Term t : ts) {
                        terms.add(t.text());
                    }
                }

                @Override
                public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                    return this;
                }
            });
        }
        return terms;
    }
}
