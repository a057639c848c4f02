package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Channel;
import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Span;
import io.newsalert.events.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The matcher over many subscriptions: filters, enabling, replacing and deleting, failures. */
class SubscriptionMatcherTest {

    final SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
    final ArticleText seed = SeedArticle.article();

    @Test
    void matchesOnlyEnabledSubscriptionsWhoseFiltersAdmitTheArticle() {
        apply(sub("plain", "Truppenabzug", List.of(), List.of(), true),
                sub("german-only", "Truppenabzug", List.of("de"), List.of(), true),
                sub("english-only", "Truppenabzug", List.of("en"), List.of(), true),
                sub("this-feed", "Truppenabzug", List.of(), List.of("tagesschau"), true),
                sub("other-feed", "Truppenabzug", List.of(), List.of("spiegel"), true),
                sub("disabled", "Truppenabzug", List.of(), List.of(), false),
                sub("no-match", "Holz", List.of(), List.of(), true));
        assertThat(ids(matcher.match(seed))).containsExactlyInAnyOrder("plain", "german-only", "this-feed");
        assertThat(matcher.subscriptionCount()).as("all but the disabled one").isEqualTo(6);
    }

    @Test
    void anEntityMentionedManyTimesIsOneSpanPerMention() {
        String text = "Scholz sprach. Dann sprach Scholz wieder, und Scholz schwieg.";
        List<Entity> mentions = new ArrayList<>();
        for (int at = text.indexOf("Scholz"); at >= 0; at = text.indexOf("Scholz", at + 1)) {
            mentions.add(new Entity(EntityType.PER, "Scholz", "Olaf Scholz", "text", at, at + 6));
        }
        ArticleText article = new ArticleText("Kanzler", text, "de", mentions, List.of(), "f");
        apply(sub("e", "entity:Scholz", List.of(), List.of(), true), sub("both", "entity:Scholz AND Kanzler", List.of(), List.of(), true));
        List<SubscriptionMatcher.Result> results = matcher.match(article);
        assertThat(ids(results)).containsExactlyInAnyOrder("e", "both");
        for (SubscriptionMatcher.Result r : results) {
            assertThat(r.spans().stream().filter(s -> s.term().equals("Scholz")).map(Span::start))
                    .as(r.subscription().id()).containsExactly(0, 27, 46);
        }
    }

    @Test
    void aReplacedQueryMatchesAtOnceAndADeletedOneNoMore() {
        apply(sub("a", "Holz", List.of(), List.of(), true));
        assertThat(matcher.match(seed)).isEmpty();
        apply(sub("a", "Scholz", List.of(), List.of(), true));
        List<SubscriptionMatcher.Result> results = matcher.match(seed);
        assertThat(ids(results)).containsExactly("a");
        assertThat(results.get(0).spans()).isNotEmpty().allMatch(s -> s.term().equals("Scholz"));
        assertThat(results.get(0).snippet()).contains("«Scholz»");
        Map<String, Optional<Subscription>> delete = new LinkedHashMap<>();
        delete.put("a", Optional.empty());
        matcher.apply(delete);
        assertThat(matcher.match(seed)).isEmpty();
        assertThat(matcher.subscriptionCount()).isZero();
    }

    @Test
    void deletedQueriesOfEveryShapeLeaveNoCandidatesBehind() throws Exception {
        // A compound in a conjunction shares its word between two clauses of the branch; a prefix, a fuzzy word and a phrase are indexed apart.
        List<String> queries = List.of("Truppenabzug AND NATO", "Trupp*", "Stoltenbrg~1", "\"Abzug russischer Truppen\"");
        Map<String, Optional<Subscription>> add = new LinkedHashMap<>();
        Map<String, Optional<Subscription>> delete = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            add.put("q" + i, Optional.of(sub("q" + i, queries.get(i), List.of(), List.of(), true)));
            delete.put("q" + i, Optional.empty());
        }
        matcher.apply(add);
        assertThat(ids(matcher.match(seed))).containsExactlyInAnyOrder("q0", "q1", "q2", "q3");
        matcher.apply(delete);
        assertThat(matcher.queriesRunFor(seed)).isZero();
        assertThat(matcher.match(seed)).isEmpty();
        matcher.apply(add);
        assertThat(ids(matcher.match(seed))).as("registered again").containsExactlyInAnyOrder("q0", "q1", "q2", "q3");
    }

    @Test
    void subscriptionsWithTheSameQueryShareOneRunAndLeaveItOneByOne() throws Exception {
        SubscriptionMatcher alone = SubscriptionMatcher.standalone();
        Map<String, Optional<Subscription>> one = new LinkedHashMap<>();
        one.put("x", Optional.of(sub("x", "Truppenabzug", List.of(), List.of(), true)));
        alone.apply(one);
        int runsForOneQuery = alone.queriesRunFor(seed);
        assertThat(runsForOneQuery).isPositive();

        apply(sub("a", "Truppenabzug", List.of(), List.of(), true),
                sub("b", "Truppenabzug", List.of(), List.of("spiegel"), true),
                sub("c", " Truppenabzug ", List.of("de"), List.of(), true),
                sub("d", "truppenabzug", List.of(), List.of(), true));
        List<SubscriptionMatcher.Result> results = matcher.match(seed);
        assertThat(ids(results)).containsExactlyInAnyOrder("a", "c", "d");
        assertThat(matcher.queriesRunFor(seed)).as("a, b and c share one query; d names its words otherwise")
                .isEqualTo(2 * runsForOneQuery);
        assertThat(byId(results, "a").spans()).isEqualTo(byId(results, "c").spans()).allMatch(s -> s.term().equals("Truppenabzug"));
        assertThat(byId(results, "d").spans()).isNotEmpty().allMatch(s -> s.term().equals("truppenabzug"));

        Map<String, Optional<Subscription>> changes = new LinkedHashMap<>();
        changes.put("a", Optional.empty());
        changes.put("c", Optional.of(sub("c", "Holz", List.of("de"), List.of(), true)));
        matcher.apply(changes);
        assertThat(ids(matcher.match(seed))).as("b's filter still excludes the article").containsExactly("d");
        changes.clear();
        changes.put("b", Optional.of(sub("b", "Truppenabzug", List.of(), List.of("tagesschau"), true)));
        matcher.apply(changes);
        assertThat(ids(matcher.match(seed))).containsExactlyInAnyOrder("b", "d");
        changes.clear();
        changes.put("b", Optional.empty());
        changes.put("d", Optional.empty());
        matcher.apply(changes);
        assertThat(matcher.queriesRunFor(seed)).as("the last owner took the query out of the index").isZero();
        assertThat(matcher.match(seed)).isEmpty();
        assertThat(matcher.subscriptionCount()).as("c, with 'Holz'").isEqualTo(1);
    }

    private static SubscriptionMatcher.Result byId(List<SubscriptionMatcher.Result> results, String id) {
        return results.stream().filter(r -> r.subscription().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aDisjunctionSplitByTheMonitorStillReportsEverySpanOnce() {
        apply(sub("or", "Putin OR Stoltenberg OR Waffenstillstand", List.of(), List.of(), true));
        List<SubscriptionMatcher.Result> results = matcher.match(seed);
        assertThat(ids(results)).containsExactly("or");
        assertThat(results.get(0).spans()).extracting(s -> s.term()).contains("Putin", "Stoltenberg");
        assertThat(results.get(0).spans()).doesNotHaveDuplicates();
    }

    @Test
    void aStoredQueryThatNoLongerCompilesIsNotRunAndTheOthersAre() {
        apply(sub("broken", "Ukraine AND", List.of(), List.of(), true), sub("fine", "Ukraine", List.of(), List.of(), true));
        assertThat(ids(matcher.match(seed))).containsExactly("fine");
        assertThat(matcher.subscriptionCount()).isEqualTo(1);
    }

    /**
     * The presearcher only picks candidates: over many queries at once (every kind of the semantics
     * test, wildcards, fuzzy, ranges, exclusions), the matcher finds exactly the queries that match
     * when each is run on its own, with the same spans.
     */
    @Test
    void findsExactlyWhatEachQueryRunAloneFinds() throws Exception {
        List<String> queries = List.of("Truppenabzug", "truppenabzug", "Aufmarsch", "Einmarsch", "Sanktion",
                "entity:Stoltenberg", "entity:\"Jens Stoltenberg\"", "\"Truppen abzuziehen\"", "Truppenabzug AND NATO",
                "Truppenabzug NATO", "Aussenminister", "Rueckzug", "Bündnis", "Trupp*", "\"Abzug russischer Truppen\"",
                "\"Truppen Abzug\"~3", "title:Truppen", "lang:de", "topic:conflict", "feed:tagesschau",
                "Putin OR Waffenstillstand", "(Truppenabzug OR Rückzug) AND -Waffenstillstand", "\"Truppenabzug\"", "Holz",
                "Rüssel", "Waffenstillstand", "Truppenabzug NOT NATO", "Ukraine Waffenruhe", "title:Stoltenberg", "lang:en",
                "Schol", "\"Truppen russischer Abzug\"", "entity:Blinken", "feed:spiegel", "Holzabzug",
                "Stoltenbrg~1", "Stoltenberg~1 AND Holz", "Tru?pen AND Abzug", "Trupp* NOT NATO", "title:[a TO c]",
                "(Holz OR Scholz) AND (Putin OR Holzabzug)", "Truppenabzug AND (Holz OR Waffenstillstand)",
                "Sanktion -Holz", "\"russischer Truppen\" AND NATO", "entity:Stoltenberg AND Truppenabzug");
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            batch.put("q" + i, Optional.of(sub("q" + i, queries.get(i), List.of(), List.of(), true)));
        }
        matcher.apply(batch);
        io.newsalert.alert.query.QueryCompiler compiler = new io.newsalert.alert.query.QueryCompiler();
        Map<String, List<io.newsalert.events.Span>> alone = new java.util.TreeMap<>();
        for (int i = 0; i < queries.size(); i++) {
            int at = i;
            Explanation.of(compiler.compile(queries.get(i)), seed).ifPresent(e -> alone.put("q" + at, e.spans()));
        }
        Map<String, List<io.newsalert.events.Span>> together = new java.util.TreeMap<>();
        matcher.match(seed).forEach(r -> together.put(r.subscription().id(), r.spans()));
        assertThat(alone).as("the queries match the seed article in both ways, and not all of them").hasSizeBetween(20, queries.size() - 10);
        assertThat(together).isEqualTo(alone);
    }

    private void apply(Subscription... subs) {
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (Subscription s : subs) {
            batch.put(s.id(), Optional.of(s));
        }
        matcher.apply(batch);
    }

    @Test
    void aPrefixQueryRunsOnlyOnArticlesWithAWordOfThatPrefixAndMatchesAsBefore() throws Exception {
        apply(sub("prefix", "Trupp*", List.of(), List.of(), true),
                sub("wildcard", "Stoltenb?rg", List.of(), List.of(), true),
                sub("absent", "Flugzeugträg*", List.of(), List.of(), true),
                sub("short", "Tr*", List.of(), List.of(), true));
        assertThat(ids(matcher.match(seed))).containsExactlyInAnyOrder("prefix", "wildcard", "short");

        ArticleText other = new ArticleText("Wetter", "Morgen regnet es im Norden, im Süden scheint die Sonne.", "de", List.of(), List.of(),
                "wetter");
        assertThat(matcher.match(other)).isEmpty();
        assertThat(matcher.queriesRunFor(other)).as("no word of this article starts with any of the prefixes, however short").isZero();

        ArticleText tram = new ArticleText("Verkehr", "Die Tram fährt wieder.", "de", List.of(), List.of(), "verkehr");
        assertThat(ids(matcher.match(tram))).containsExactly("short");
        assertThat(matcher.queriesRunFor(tram)).as("the two-letter prefix, on the fields and readings where 'tram' stands").isPositive();
    }

    @Test
    void aQueryThatNeedsSeveralWordsRunsOnlyWhereTheArticleHasThem() throws Exception {
        apply(sub("both", "Stoltenberg Putin", List.of(), List.of(), true),
                sub("one-missing", "Stoltenberg Holz", List.of(), List.of(), true),
                sub("phrase-apart", "\"Putin Stoltenberg\"", List.of(), List.of(), true));
        assertThat(matcher.candidatesFor(seed)).as("'Holz' is not in the article; 'Putin Stoltenberg' are not neighbours in it")
                .containsOnly("both");
        assertThat(ids(matcher.match(seed))).containsExactly("both");
    }

    private static List<String> ids(List<SubscriptionMatcher.Result> results) {
        return results.stream().map(r -> r.subscription().id()).toList();
    }

    static Subscription sub(String id, String query, List<String> languages, List<String> feeds, boolean enabled) {
        return new Subscription(SchemaVersion.CURRENT, id, "owner", id, query, List.of(Channel.email("a@example.org")),
                Frequency.immediate, null, languages, feeds, enabled, Instant.now());
    }
}
