package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.query.CompiledQuery;
import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matcher answers most candidates without running Lucene: branches the candidate index
 * decides (their hits read from the article's term places) and branches whose match is checked on
 * term positions ({@link PositionCheck}). Over real articles (10kGNAD) and thousands of generated
 * queries of every kind the benchmark uses, plus the shapes only Lucene runs, the matcher must find
 * exactly the subscriptions, spans and snippets that each query run alone through Lucene finds.
 */
class FastPathAgreementTest {

    private static final QueryCompiler COMPILER = new QueryCompiler();
    private static List<ArticleText> articles;
    private static List<String> queries;

    @BeforeAll
    static void queriesAndArticles() throws Exception {
        List<ArticleText> all = MatcherBenchmark.articles();
        MatcherBenchmark.Vocabulary vocabulary = new MatcherBenchmark.Vocabulary(all.subList(0, all.size() / 2));
        // Words that occur (bands above 0), so that many queries match and the fast paths are exercised.
        double[] shares = {0, 0.5, 0.3, 0.15, 0.05};
        queries = new ArrayList<>();
        vocabulary.queries(3000, new Random(7), shares).forEach(q -> queries.add(q.text()));
        queries.addAll(List.of("Regierung", "\"die Regierung\"", "\"der Bundesregierung\"", "\"in der Regierung\"",
                "\"Regierung Abgeordnete\"~4", "Bundesregierung", "Regierung*", "Regierun~1", "Regierung NOT Opposition",
                "(Regierung OR Opposition) AND -Wahl", "title:Regierung", "\"Regierung\"", "entity:\"Angela Merkel\"",
                "Regierung AND (Wahl OR Opposition OR Kanzlerin)", "Flüchtlinge Österreich Regierung Wien",
                "lang:de AND Regierung", "feed:etat AND Regierung", "Euro Milliarden", "\"Millionen Euro\""));
        articles = new ArrayList<>(all.subList(all.size() / 2, all.size() / 2 + 40));
        // A compound and its parts apart, and words more than once: the hits of every optional clause that matches count.
        articles.add(new ArticleText("Truppenabzug aus Mali", "Der Truppenabzug beginnt im Mai. Den Abzug der Truppen fordert die NATO seit "
                + "Jahren; die Truppen ziehen ab, der Abzug dauert. Ein Truppenabzug ohne Plan, sagte die Regierung in Wien.", "de",
                List.of(), List.of(), "etat"));
        articles.add(new ArticleText("Kinder und Kindeskinder", "Ein Kind spielt. Die Kinder der Kinder, sagte sie, sind ihre Kindeskinder; "
                + "von Kind zu Kind, Kind um Kind, und weit davon entfernt noch ein Kind.", "de", List.of(), List.of(), "etat"));
        articles.add(new ArticleText("Ein Kind", "Nur ein Kind in diesem Text.", "de", List.of(), List.of(), "etat"));
        // Phrases of three and four words taken from the articles (so they match), which the index does not
        // decide by one pair: their check must place every word, and their hits must be Lucene's.
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("\\p{L}+");
        for (int a = 0; a < articles.size(); a++) {
            List<String> words = new ArrayList<>();
            java.util.regex.Matcher m = word.matcher(articles.get(a).text());
            while (m.find()) {
                words.add(m.group());
            }
            for (int at = a % 7; at + 4 < words.size() && at < 400; at += 97) {
                int length = 3 + at % 2;
                String phrase = String.join(" ", words.subList(at, at + length));
                queries.add("\"" + phrase + "\"");
                // A phrase among optional clauses, and one excluded.
                queries.add(words.get(at + 1) + " OR \"" + phrase + "\" OR Holz OR Scholz");
                queries.add(words.get(at) + " NOT \"" + phrase + "\"");
            }
        }
        queries.addAll(List.of("\"die Regierung und die Regierung\"", "\"der Stadt Wien\"", "Regierung OR Wahl OR Opposition OR Kanzlerin",
                "(Regierung OR Bundesregierung) AND (Wien OR Berlin) AND -Holz", "Bundesregierung OR \"Millionen Euro\" OR Flüchtlingskrise",
                // Several optional clauses that match at once, in a branch that is checked (it excludes): each one's hits count.
                "(sagte OR Jahr OR Prozent OR Euro) AND -Holz", "(Österreich OR Wien OR Regierung OR Menschen) NOT Scholz",
                "(Jahr OR \"Millionen Euro\" OR Unternehmen) AND -Rüssel", "Truppenabzug AND NATO", "Truppenabzug NOT Holz",
                "Truppenabzug Regierung Wien", "Truppenabzug", "\"der Truppen\" AND Truppenabzug",
                // A compound of one part twice: an ordered span near of a term with itself (two places of it).
                "Kindeskinder", "Kindeskinder OR Truppenabzug", "Kindeskinder NOT Holz", "title:Kindeskinder"));
    }

    @Test
    void theMatcherFindsWhatLuceneFindsQueryByQuery() throws Exception {
        SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        List<CompiledQuery> compiled = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            batch.put("q" + i, Optional.of(subscription("q" + i, queries.get(i))));
            compiled.add(COMPILER.compile(queries.get(i)));
        }
        matcher.apply(batch);
        long matches = 0;
        for (ArticleText article : articles) {
            IndexSearcher searcher = ArticleDocument.memoryIndex(article).createSearcher();
            searcher.setQueryCache(null);
            Map<String, Explanation> alone = new TreeMap<>();
            for (int i = 0; i < compiled.size(); i++) {
                var spans = SpanFinder.spans(searcher, compiled.get(i), article);
                if (spans != null) {
                    alone.put("q" + i + " " + queries.get(i), new Explanation(spans, Snippets.of(article, spans)));
                }
            }
            Map<String, Explanation> together = new TreeMap<>();
            for (SubscriptionMatcher.Result r : matcher.match(article)) {
                together.put(r.subscription().id() + " " + r.subscription().query(), new Explanation(r.spans(), r.snippet()));
            }
            assertThat(differences(together, alone)).as("article '%s': matcher vs each query alone", article.title()).isEmpty();
            matches += alone.size();
        }
        assertThat(matches).as("matches over %d articles", articles.size()).isGreaterThan(20L * articles.size());
        assertThat(matcher.queryErrors()).isZero();
    }

    /** Each subscription whose result differs: what the matcher gave, and what Lucene alone gave. */
    private static Map<String, String> differences(Map<String, Explanation> matcher, Map<String, Explanation> alone) {
        Map<String, String> out = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(matcher.keySet());
        keys.addAll(alone.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(matcher.get(key), alone.get(key))) {
                out.put(key, "matcher " + matcher.get(key) + " | alone " + alone.get(key));
            }
        }
        return out;
    }

    /** The agreement above is only worth something if most branches take the fast paths, and some do not. */
    @Test
    void mostBranchesAreDecidedOrCheckedWithoutLucene() throws Exception {
        RewritingDecomposer decomposer = new RewritingDecomposer();
        int decided = 0;
        int checked = 0;
        int run = 0;
        for (String q : queries) {
            for (Query branch : decomposer.decompose(COMPILER.compile(q).query())) {
                if (RequiredTerms.requirement(branch).decided()) {
                    decided++;
                } else if (PositionCheck.of(branch) != null) {
                    checked++;
                } else {
                    run++;
                }
            }
        }
        int all = decided + checked + run;
        assertThat(decided).as("decided of %d branches", all).isGreaterThan(all / 2);
        assertThat(checked).as("checked of %d branches", all).isGreaterThan(all / 20);
        assertThat(run).as("left to Lucene (wildcards, fuzzy, sloppy phrases)").isPositive();
    }

    private static Subscription subscription(String id, String query) {
        return new Subscription(SchemaVersion.CURRENT, id, "test", id, query, List.of(Channel.email("t@example.org")),
                Frequency.immediate, null, List.of(), List.of(), true, Instant.EPOCH);
    }
}
