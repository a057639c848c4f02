package io.newsalert.alert.match;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.ArticleSchema.Reading;
import io.newsalert.alert.analysis.TwoReadings;
import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.memory.MemoryIndex;

/**
 * An article as the matcher reads it: the fields of {@link ArticleSchema}, each value analysed as
 * {@link ArticleSchema#DOCUMENT_ANALYZER} reads it, either into the matcher's own term places
 * ({@link ArticleTerms}) or into a one-document Lucene index with offsets (for the queries only
 * Lucene runs, the preview and explanations). Both are filled by the same code, value by value.
 */
final class ArticleDocument {

    private ArticleDocument() {}

    /**
     * The article as the matcher reads it: its terms and their places (with each text field's word
     * pairs, which the candidate index picks exact phrases by: {@link ArticleTerms.Pairs}); and its
     * entities by the tokens of their names, for explaining {@code entity:} hits.
     */
    record ForMatching(ArticleTerms terms, SpanFinder.EntityNames entityNames) {}

    /** Where the analysed values go: a field's value as its tokens. */
    private interface Sink {
        /** {@code chars}: the length of the value the tokens came from, which sizes the field's tables. */
        void add(String field, TokenStream tokens, int chars);
    }

    /**
     * What reading an article for matching fills, kept per thread from one article to the next: the
     * term tables (with the word pairs') and the two readings' tokenizers, filters and recorded words. Made afresh for every article, these were half the bytes matching allocated, and
     * new memory each time instead of memory still in the CPU's cache.
     */
    private static final class Buffers {
        final ArticleTerms terms = new ArticleTerms();
        final Map<String, TwoReadings> readings = new HashMap<>();
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * Beyond this many characters of text an article is read into buffers of its own, dropped after
     * it: a thread does not keep a rare long article's worth of memory for ever.
     */
    private static final int KEPT_UP_TO_CHARS = 30_000;

    /**
     * The article read for matching. What it returns is valid until the thread reads its next
     * article, whose reading reuses the same buffers.
     */
    static ForMatching forMatching(ArticleText article) {
        int chars = length(article.title()) + length(article.text()) + length(article.content());
        boolean kept = chars <= KEPT_UP_TO_CHARS;
        Buffers buffers = kept ? BUFFERS.get() : new Buffers();
        try {
            return forMatching(article, buffers);
        } catch (RuntimeException | Error e) {
            // A reading cut short leaves its tokenizer open: the next article starts with new buffers.
            BUFFERS.remove();
            throw e;
        }
    }

    private static ForMatching forMatching(ArticleText article, Buffers buffers) {
        List<Set<String>> names = new ArrayList<>(article.entities().size());
        ArticleTerms terms = buffers.terms;
        terms.clear();
        Analyzer analyzer = ArticleSchema.DOCUMENT_ANALYZER;
        read(article, (field, tokens, chars) -> terms.add(field, tokens, analyzer.getPositionIncrementGap(field), analyzer.getOffsetGap(field), chars),
                names, buffers);
        return new ForMatching(terms, new SpanFinder.EntityNames(article.entities(), names));
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }

    /** The article for Lucene: a single query (preview, explanation), or a branch only Lucene can run. */
    static MemoryIndex memoryIndex(ArticleText article) {
        MemoryIndex index = new MemoryIndex(true, false);
        Analyzer analyzer = ArticleSchema.DOCUMENT_ANALYZER;
        // As addField(IndexableField, Analyzer) adds a tokenized field: with the analyzer's gaps.
        read(article, (field, tokens, chars) -> index.addField(field, tokens, analyzer.getPositionIncrementGap(field), analyzer.getOffsetGap(field)),
                null, null);
        index.freeze();
        return index;
    }

    /**
     * Analyses every field of the article into the sink; with {@code entityNames} given, the tokens
     * of each entity's names go there (as {@link SpanFinder.EntityNames} reads them: the entity
     * field's analysis), so that explaining an entity match does not analyse the names again. With
     * {@code buffers} (the matcher's reading), a German text's two readings come from one tokenizer
     * pass ({@link TwoReadings}) kept in them.
     */
    private static void read(ArticleText article, Sink sink, List<Set<String>> entityNames, Buffers buffers) {
        Set<Reading> readings = ArticleSchema.readingsFor(article.language());
        // A text field's German reading and its exact one come from one tokenizer pass (the exact reading is last).
        Map<String, TwoReadings> tokenized = new HashMap<>();
        for (Reading reading : readings) {
            for (String textField : List.of(ArticleSchema.TITLE, ArticleSchema.TEXT, ArticleSchema.CONTENT)) {
                String field = ArticleSchema.field(textField, reading);
                String value = article.field(textField);
                TwoReadings both = tokenized.get(textField);
                if (reading == Reading.exact && both != null) {
                    // The matcher's reading (with buffers): the recorded words, lower-cased without a second token stream.
                    Analyzer analyzer = ArticleSchema.DOCUMENT_ANALYZER;
                    buffers.terms.addLowerCased(field, both.words(), analyzer.getPositionIncrementGap(field), analyzer.getOffsetGap(field),
                            value.length());
                    continue;
                }
                if (buffers == null || reading != Reading.de || !readings.contains(Reading.exact) || blank(value)) {
                    add(sink, field, value);
                    continue;
                }
                both = buffers.readings.computeIfAbsent(textField, f -> new TwoReadings(value.length())).read(value);
                tokenized.put(textField, both);
                sink.add(field, both.german(), value.length());
            }
        }
        for (Entity entity : article.entities()) {
            Set<String> names = entityNames == null ? null : new HashSet<>(4);
            add(sink, ArticleSchema.ENTITY, entity.text(), names);
            if (entity.canonical() != null && !entity.canonical().equals(entity.text())) {
                add(sink, ArticleSchema.ENTITY, entity.canonical(), names);
            }
            if (entityNames != null) {
                entityNames.add(names);
            }
        }
        for (Topic topic : article.topics()) {
            add(sink, ArticleSchema.TOPIC, topic.label());
            add(sink, ArticleSchema.TOPIC, topic.code());
        }
        add(sink, ArticleSchema.FEED, article.feed());
        add(sink, ArticleSchema.LANG, article.language() == null ? "und" : article.language());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void add(Sink sink, String field, String value) {
        add(sink, field, value, null);
    }

    /** Adds the value; with {@code tokens} given, its terms go there too. */
    private static void add(Sink sink, String field, String value, Set<String> tokens) {
        if (!blank(value)) {
            TokenStream stream = ArticleSchema.DOCUMENT_ANALYZER.tokenStream(field, value);
            sink.add(field, tokens == null ? stream : new Collect(stream, tokens), value.length());
        }
    }

    /** Passes the tokens on and keeps their terms. */
    private static final class Collect extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final Set<String> into;

        Collect(TokenStream input, Set<String> into) {
            super(input);
            this.into = into;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            into.add(term.toString());
            return true;
        }
    }
}
