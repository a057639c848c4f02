package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.WordPairs;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.junit.jupiter.api.Test;

/**
 * The matcher reads an article's terms and places from {@link ArticleTerms}, and the queries only
 * Lucene runs (and the preview) from a {@code MemoryIndex} of it: the two must hold the same
 * fields, the same terms, and each term at the same positions and offsets, or a candidate would be
 * missed or a span placed wrong. Held to each other over real articles (10kGNAD, with made-up
 * entities and topics: multi-valued fields, where positions and offsets jump by the gaps) and edge
 * cases.
 */
class ArticleTermsTest {

    @Test
    void holdsWhatTheOneDocumentIndexHoldsForRealArticles() throws Exception {
        List<ArticleText> articles = new ArrayList<>(MatcherBenchmark.articles().subList(0, 150));
        articles.add(new ArticleText("Truppenabzug", "Der Truppenabzug beginnt. Den Abzug der Truppen fordert die NATO.",
                "Jens Stoltenberg sagte: Der Abzug der Truppen beginnt.", "de",
                List.of(entity(EntityType.ORG, "NATO", "North Atlantic Treaty Organization"), entity(EntityType.PER, "Jens Stoltenberg", null),
                        entity(EntityType.MISC, "—", null), entity(EntityType.PER, "Stoltenberg", "Jens Stoltenberg")),
                List.of(new Topic("politik", "Politik", 0.9), new Topic("welt", "Welt", 0.4)), "tagesschau"));
        articles.add(new ArticleText("Peace talks", "Troops withdraw; the withdrawal of troops is planned.", "en", List.of(), List.of(), "bbc"));
        articles.add(new ArticleText("—", "… !!! ", null, List.of(), List.of(), "etat"));
        articles.add(new ArticleText("Straße", "Die Straße, die Strasse, die STRASSE: Fußgänger über Fussgänger.", "fr", List.of(), List.of(), "x"));
        int terms = 0;
        for (ArticleText article : articles) {
            Map<String, String> expected = dump(ArticleDocument.memoryIndex(article));
            Map<String, String> actual = dump(ArticleDocument.forMatching(article).terms());
            assertThat(actual).as("article '%s'", article.title()).isEqualTo(expected);
            terms += expected.size();
        }
        // Guards against both sides being empty.
        assertThat(terms).isGreaterThan(150 * 100);
    }

    @Test
    void theEntityNamesCollectedWhileIndexingAreTheNamesAnalysedAgain() throws Exception {
        List<ArticleText> articles = new ArrayList<>(MatcherBenchmark.articles().subList(0, 60));
        articles.add(new ArticleText("NATO", "Stoltenberg sprach.", "de", List.of(entity(EntityType.ORG, "NATO", "North Atlantic Treaty Organization"),
                entity(EntityType.PER, "Jens Stoltenberg", null), entity(EntityType.MISC, "—", null), entity(EntityType.PER, "Stoltenberg", "Jens Stoltenberg"),
                entity(EntityType.LOC, "Zürich", "Zuerich")), List.of(), "x"));
        int tokens = 0;
        for (ArticleText article : articles) {
            SpanFinder.EntityNames collected = ArticleDocument.forMatching(article).entityNames();
            SpanFinder.EntityNames analysed = new SpanFinder.EntityNames(article.entities());
            for (Entity entity : article.entities()) {
                for (String token : SpanFinder.names(entity)) {
                    assertThat(collected.having(List.of(token))).as("entities named %s", token).contains(entity)
                            .isEqualTo(analysed.having(List.of(token)));
                    tokens++;
                }
            }
            assertThat(collected.having(List.of("holz", "scholz"))).isEqualTo(analysed.having(List.of("holz", "scholz")));
        }
        assertThat(collected(articles.get(articles.size() - 1)).having(List.of("jens", "stoltenberg"))).hasSize(2);
        assertThat(collected(articles.get(articles.size() - 1)).having(List.of("zurich"))).hasSize(1);
        assertThat(tokens).isGreaterThan(500);
    }

    private static SpanFinder.EntityNames collected(ArticleText article) {
        return ArticleDocument.forMatching(article).entityNames();
    }

    @Test
    void anArticleReadAfterALongerOneHoldsOnlyItsOwnTermsAndPairs() throws Exception {
        // The thread's buffers are reused: nothing of the article before (its content field, its
        // terms, its word pairs, its places) may show in the next one.
        ArticleText longer = new ArticleText("Truppenabzug aus der Ukraine", MatcherBenchmark.articles().get(0).text(),
                "Der Abzug der Truppen beginnt, sagte Jens Stoltenberg.", "de",
                List.of(entity(EntityType.PER, "Jens Stoltenberg", null)), List.of(new Topic("politik", "Politik", 0.9)), "tagesschau");
        ArticleText shorter = new ArticleText("Regierung", "Die Regierung tagt.", "de", List.of(), List.of(), "etat");
        ArticleDocument.forMatching(longer);
        ArticleDocument.ForMatching read = ArticleDocument.forMatching(shorter);
        assertThat(dump(read.terms())).isEqualTo(dump(ArticleDocument.memoryIndex(shorter)));
        // Each field once: the candidate index walks every field's terms, and a field listed twice would make candidates twice.
        assertThat(read.terms().fields()).extracting(f -> f.name)
                .containsExactlyInAnyOrder("title.de", "text.de", "title.exact", "text.exact", "feed", "lang");
        assertThat(read.terms().places("content.de", new BytesRef("abzug"))).isSameAs(TermPlaces.Places.NONE);
        assertThat(read.terms().places("text.de", new BytesRef("tagt")).positions()).containsExactly(2);
        assertThat(pairs(read.terms(), "text.de")).containsExactly("die regierung", "regierung tagt");
        assertThat(pairs(read.terms(), "title.de")).isEmpty();
    }

    @Test
    void wordPairsJoinEachWordWithEveryWordAtTheNextPositionCompoundPartsIncluded() {
        // "des" has no word before it; the compound stands at one position with its parts.
        assertThat(pairs("des russischen Truppenaufmarschs")).containsExactly(
                "des russisch", "russisch truppenaufmarsch", "russisch trupp", "russisch aufmarsch");
        assertThat(pairs("Truppen")).isEmpty();
        assertThat(pairs("die Truppen und die Truppen und die Panzer")).as("each pair once, in order of first occurrence")
                .containsExactly("die trupp", "trupp und", "und die", "die panz");
        assertThat(pairs("Wahl, Wahl. Wahl")).as("punctuation is no gap").containsExactly("wahl wahl");
        assertThat(pairs("Ende", "Anfang")).as("no pair across two values of a field").isEmpty();
        ArticleTerms terms = new ArticleTerms();
        terms.add("text.exact", ArticleSchema.DOCUMENT_ANALYZER.tokenStream("text.exact", "die Truppen"), 0, 1, 11);
        assertThat(field(terms, "text.exact").pairs()).as("the exact reading has no pairs").isNull();
    }

    @Test
    void theWordPairsAreThoseOfNeighbouringPositionsInRealArticles() throws Exception {
        int pairs = 0;
        for (ArticleText article : MatcherBenchmark.articles().subList(0, 80)) {
            List<String> actual = pairs(ArticleDocument.forMatching(article).terms(), "text.de");
            assertThat(actual).as(article.title()).containsExactlyElementsOf(neighbouringPairs(article.text()));
            pairs += actual.size();
        }
        assertThat(pairs).isGreaterThan(80 * 200);
    }

    @Test
    void aFieldMadeForAShortValueGrowsForALongOne() throws Exception {
        // A thread's field is sized by the first value it held; a far longer one later grows its term and pair tables.
        ArticleTerms terms = new ArticleTerms();
        terms.add("text.de", ArticleSchema.DOCUMENT_ANALYZER.tokenStream("text.de", "Regierung"), 100, 1, 9);
        terms.clear();
        // Five articles in one: several hundred terms and pairs against the 32 slots made for "Regierung".
        String text = String.join(" ", MatcherBenchmark.articles().subList(0, 5).stream().map(ArticleText::text).toList());
        terms.add("text.de", ArticleSchema.DOCUMENT_ANALYZER.tokenStream("text.de", text), 100, 1, 9);
        ArticleText article = new ArticleText("", text, "de", List.of(), List.of(), "x");
        Map<String, String> expected = new TreeMap<>(dump(ArticleDocument.memoryIndex(article)));
        expected.keySet().removeIf(k -> !k.startsWith("text.de:"));
        assertThat(dump(terms)).isEqualTo(expected).hasSizeGreaterThan(400);
        assertThat(pairs(terms, "text.de")).containsExactlyElementsOf(neighbouringPairs(text)).hasSizeGreaterThan(400);
    }

    /** The reference: every term at a position with every term at the next, from the German analyser's tokens. */
    private static Set<String> neighbouringPairs(String text) throws Exception {
        Set<String> expected = new LinkedHashSet<>();
        Map<Integer, List<String>> byPosition = new TreeMap<>();
        try (TokenStream ts = ArticleSchema.DOCUMENT_ANALYZER.tokenStream("text.de", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken()) {
                pos += inc.getPositionIncrement();
                for (String before : byPosition.getOrDefault(pos - 1, List.of())) {
                    expected.add(WordPairs.pair(before, term.toString()));
                }
                byPosition.computeIfAbsent(pos, p -> new ArrayList<>()).add(term.toString());
            }
            ts.end();
        }
        return expected;
    }

    /** The pairs of one text, read into the text.de field alone; with more texts, each a further value of the field. */
    private static List<String> pairs(String... values) {
        ArticleTerms terms = new ArticleTerms();
        for (String value : values) {
            terms.add("text.de", ArticleSchema.DOCUMENT_ANALYZER.tokenStream("text.de", value), 100, 1, value.length());
        }
        return pairs(terms, "text.de");
    }

    /** The field's word pairs, each checked to carry the hash the candidate index finds its bytes by. */
    private static List<String> pairs(ArticleTerms terms, String name) {
        ArticleTerms.Pairs pairs = field(terms, name).pairs();
        List<String> out = new ArrayList<>();
        BytesRefBuilder scratch = new BytesRefBuilder();
        for (int i = 0; i < pairs.size(); i++) {
            BytesRef pair = pairs.bytes(i, field(terms, name), scratch);
            assertThat(pairs.hash(i)).as("the hash the index finds %s by", pair.utf8ToString()).isEqualTo(WordPairs.hash(pair));
            out.add(pair.utf8ToString());
        }
        return out;
    }

    private static ArticleTerms.Field field(ArticleTerms terms, String name) {
        return terms.fields().stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aTermTheArticleLacksHasNoPlaces() {
        ArticleText article = new ArticleText("Regierung", "Die Regierung tagt, tagt und tagt.", "de", List.of(), List.of(), "etat");
        ArticleTerms terms = ArticleDocument.forMatching(article).terms();
        assertThat(terms.places("text.de", new BytesRef("opposition")).count()).isZero();
        assertThat(terms.places("text.de", new BytesRef("tagt")).positions()).containsExactly(2, 3, 5);
        assertThat(terms.places("title.de", new BytesRef("regierung")).positions()).containsExactly(0);
        assertThat(terms.places("no.such.field", new BytesRef("regierung"))).isSameAs(TermPlaces.Places.NONE);
    }

    private static Entity entity(EntityType type, String text, String canonical) {
        return new Entity(type, text, canonical, "text", 0, text.length());
    }

    /** Every field:term with its places, "position start-end" each, from Lucene's postings. */
    private static Map<String, String> dump(org.apache.lucene.index.memory.MemoryIndex index) throws Exception {
        LeafReader reader = (LeafReader) index.createSearcher().getIndexReader();
        Map<String, String> out = new TreeMap<>();
        for (var info : reader.getFieldInfos()) {
            Terms terms = reader.terms(info.name);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                PostingsEnum postings = te.postings(null, PostingsEnum.OFFSETS);
                postings.nextDoc();
                StringBuilder places = new StringBuilder();
                for (int i = 0; i < postings.freq(); i++) {
                    int pos = postings.nextPosition();
                    places.append(pos).append(' ').append(postings.startOffset()).append('-').append(postings.endOffset()).append("; ");
                }
                out.put(info.name + ":" + term.utf8ToString(), places.toString());
            }
        }
        return out;
    }

    /** The same from the matcher's own term places. */
    private static Map<String, String> dump(ArticleTerms article) {
        Map<String, String> out = new TreeMap<>();
        BytesRef term = new BytesRef();
        for (ArticleTerms.Field field : article.fields()) {
            for (int ord = 0; ord < field.size(); ord++) {
                field.term(ord, term);
                assertThat(field.hash(ord)).as("hash of %s", term.utf8ToString()).isEqualTo(term.hashCode());
                TermPlaces.Places p = article.places(field.name, term);
                StringBuilder places = new StringBuilder();
                for (int i = 0; i < p.count(); i++) {
                    places.append(p.positions()[i]).append(' ').append(p.starts()[i]).append('-').append(p.ends()[i]).append("; ");
                }
                out.put(field.name + ":" + term.utf8ToString(), places.toString());
            }
        }
        return out;
    }
}
