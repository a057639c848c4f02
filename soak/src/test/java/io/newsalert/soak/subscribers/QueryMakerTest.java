package io.newsalert.soak.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.soak.corpus.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryMakerTest {

    private static List<Revision> sample() {
        String[] topics = {"Regierung Koalition Budget", "Fußball Meisterschaft Trainer", "Flüchtlinge Grenze Innenminister",
            "Börse Aktien Konzern", "Theater Premiere Regisseur"};
        List<Revision> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String t = topics[i % topics.length];
            // A name of its own per article: the rare words a query can pick.
            String name = "Kor" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "ski";
            out.add(new Revision(1, "Meldung über " + t.split(" ")[0],
                    "Heute berichtete die Zeitung über " + t + ". Der Sprecher " + name + " sagte nichts dazu."));
        }
        return out;
    }

    @Test
    void everyQueryIsRareEnoughByTheProductsOwnMatcher() {
        List<Revision> sample = sample();
        List<String> queries = new QueryMaker(3).queries(sample, 60, 0.05);

        assertThat(queries).hasSize(60);
        Map<String, Integer> hits = QueryMaker.sampleHits(List.copyOf(new java.util.HashSet<>(queries)), sample);
        assertThat(hits.values()).allSatisfy(h -> assertThat(h).isLessThanOrEqualTo(10));
        // The topic words each occur in 40 of 200 articles: too common to be kept alone.
        assertThat(queries).doesNotContain("Regierung", "Börse", "Fußball");
    }

    @Test
    void candidatesHaveTheShapesPeopleWrite() {
        List<String> c = new QueryMaker(5).candidates(sample(), 300);
        assertThat(c).anyMatch(q -> q.startsWith("title:"));
        assertThat(c).anyMatch(q -> q.contains(" OR "));
        assertThat(c).anyMatch(q -> q.startsWith("\""));
        assertThat(c).anyMatch(q -> q.endsWith("*"));
        assertThat(c).anyMatch(q -> q.contains(" NOT "));
    }
}
