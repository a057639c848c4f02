package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.analysis.WordPairs;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
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
        WordPairs.Pairs pairs = read.wordPairs().get("text.de.pairs");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            seen.add(pairs.get(i, new BytesRef()).utf8ToString());
        }
        assertThat(seen).containsExactly("die regierung", "regierung tagt");
        assertThat(read.wordPairs()).doesNotContainKey("content.de.pairs");
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
