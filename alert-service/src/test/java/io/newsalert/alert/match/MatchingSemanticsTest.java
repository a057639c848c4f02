package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.alert.query.QueryCompiler;
import io.newsalert.alert.query.QuerySyntaxException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matching semantics of DESIGN.md, as a table: query, whether it matches the seed article
 * (German) or an English article, and why. Each row is one promise to subscribers.
 */
class MatchingSemanticsTest {

    static final QueryCompiler COMPILER = new QueryCompiler();

    static final ArticleText ENGLISH = new ArticleText(
            "Russia announces troop withdrawals from the Ukrainian border",
            "NATO's secretary general said there were no signs of Russia's forces withdrawing. "
                    + "Sanctions were threatened by the United States; Chancellor Scholz travels to Moscow.",
            "en", List.of(), List.of(), "bbc-world");

    @ParameterizedTest(name = "[{index}] {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            Truppenabzug                   | true  | compound found as its parts apart: "Abzug russischer Truppen"
            truppenabzug                   | true  | case does not matter
            Aufmarsch                      | true  | a word inside a compound: "Truppenaufmarschs", "Militäraufmarsch"
            Einmarsch                      | true  | inflection: "Einmarschs"
            Sanktion                       | true  | inflection: "Sanktionen"
            entity:Stoltenberg             | true  | entity field, one word of the name
            entity:"Jens Stoltenberg"      | true  | entity field, the whole name
            '"Truppen abzuziehen"'         | true  | phrase
            Truppenabzug AND NATO          | true  | boolean AND
            Truppenabzug NATO              | true  | words without operator are all required
            Aussenminister                 | true  | ß = ss ("Außenminister")
            Rueckzug                       | true  | umlaut spelled out: "Rückzug"
            Bündnis                        | true  | first part of a compound: "Bündnisstaaten"
            Trupp*                         | true  | prefix
            '"Abzug russischer Truppen"'   | true  | phrase across words
            '"Truppen Abzug"~3'            | true  | proximity, either order
            title:Truppen                  | true  | title field (inflected: "Truppen" ~ "russische Truppen")
            lang:de                        | true  | language field
            topic:conflict                 | true  | topic field
            feed:tagesschau                | true  | feed field
            Putin OR Waffenstillstand      | true  | OR
            (Truppenabzug OR Rückzug) AND -Waffenstillstand | true | grouping and exclusion
            '"Truppenabzug"'               | false | a quoted single word is exact: the literal word is not there
            Holz                           | false | no substring match: "Scholz"
            Rüssel                         | false | no substring match: "Brüssel"
            Waffenstillstand               | false | neither the word nor its parts near each other
            Truppenabzug NOT NATO          | false | NOT excludes
            Ukraine Waffenruhe             | false | both words are required
            title:Stoltenberg              | false | only in the text, not the title
            lang:en                        | false | language field
            Schol                          | false | no prefix without *
            '"Truppen russischer Abzug"'   | false | a phrase keeps its order
            entity:Blinken                 | false | a name in the text but not tagged as entity
            feed:spiegel                   | false | another feed
            Holzabzug                      | false | a compound whose parts are not both there
            """)
    void seedArticle(String query, boolean expected, String why) throws QuerySyntaxException {
        Optional<Explanation> match = Explanation.of(COMPILER.compile(query), SeedArticle.article());
        assertThat(match.isPresent()).as(why).isEqualTo(expected);
        match.ifPresent(m -> assertThat(m.spans()).as("a match says where").isNotEmpty());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            withdrawal                 | true  | English stemming: "withdrawals"
            troops                     | true  | English stemming: "troop"
            '"troop withdrawals"'      | true  | phrase
            sanction                   | true  | English stemming: "Sanctions"
            Russia                     | true  | possessive: "Russia's"
            Scholz Moscow              | true  | both present
            draw                       | false | no substring: "withdrawals"
            Holz                       | false | no substring: "Scholz"
            lang:de                    | false | language
            secretary NOT NATO         | false | exclusion
            """)
    void englishArticle(String query, boolean expected, String why) throws QuerySyntaxException {
        assertThat(Explanation.of(COMPILER.compile(query), ENGLISH).isPresent()).as(why).isEqualTo(expected);
    }

    /** A compound of one part twice ("Kindeskinder": Kind, Kind) is found as two places of the part near each other, never as one. */
    @ParameterizedTest(name = "[{index}] {0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            Die Kindeskinder kamen zu Besuch.                 | true  | the compound itself
            Die Kinder der Kinder kamen zu Besuch.            | true  | its part twice, near
            Ein Kind kam zu Besuch.                           | false | its part once is not the compound
            Ein Kind kam, und nach vielen Stunden, als es längst dunkel war, kam noch ein Kind. | false | its part twice, far apart
            """)
    void compoundOfOnePartTwice(String text, boolean expected, String why) throws QuerySyntaxException {
        ArticleText article = new ArticleText("Besuch", text, "de", List.of(), List.of(), "etat");
        Optional<Explanation> match = Explanation.of(COMPILER.compile("Kindeskinder"), article);
        assertThat(match.isPresent()).as(why).isEqualTo(expected);
        // Through the matcher's own checks as well as through Lucene.
        SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
        matcher.apply(java.util.Map.of("s", Optional.of(SubscriptionMatcherTest.sub("s", "Kindeskinder", List.of(), List.of(), true))));
        List<SubscriptionMatcher.Result> results = matcher.match(article);
        assertThat(results.isEmpty()).as(why).isEqualTo(!expected);
        match.ifPresent(m -> assertThat(results.get(0).spans()).isEqualTo(m.spans()));
    }
}
