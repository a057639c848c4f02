package io.newsalert.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.RawArticle;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "done when": the seed article's language, entities and topics. */
class SeedArticleAnalysisTest {

    static String title;
    static String text;
    static Analysis analysis;

    @BeforeAll
    static void analyseSeed() throws IOException {
        try (InputStream in = SeedArticleAnalysisTest.class.getResourceAsStream("/seed/000_981597b431742589.txt")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int firstBreak = seed.indexOf("\n\n");
            title = seed.substring(0, firstBreak).strip();
            text = seed.substring(firstBreak).strip();
        }
        analysis = TestModels.analyzer().analyze(title, text, null, null);
    }

    private static Set<String> canonical(EntityType type) {
        return analysis.entities().stream().filter(e -> e.type() == type).map(Entity::canonical).collect(Collectors.toSet());
    }

    @Test
    void seedIsGerman() {
        assertThat(analysis.language()).isEqualTo("de");
    }

    @Test
    void seedPersonsAreFoundAndGroupedUnderFullNames() {
        assertThat(canonical(EntityType.PER)).contains(
                "Antony Blinken", "Jens Stoltenberg", "Joe Biden", "Olaf Scholz", "Wladimir Putin", "Charles Michel");
        // "Michel forderte …" alone and "Bidens" in the genitive group with the full names.
        assertThat(analysis.entities()).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo("Michel");
            assertThat(e.canonical()).isEqualTo("Charles Michel");
        });
        assertThat(analysis.entities()).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo("Putin");
            assertThat(e.canonical()).isEqualTo("Wladimir Putin");
        });
    }

    @Test
    void seedOrganisationsAndPlaces() {
        assertThat(canonical(EntityType.ORG)).contains("NATO", "EU", "G7", "G20");
        assertThat(canonical(EntityType.LOC)).contains("Ukraine", "Russland", "USA", "Brüssel", "Krim", "Jakarta");
    }

    @Test
    void seedTopicsIncludeConflictAndPolitics() {
        assertThat(analysis.topics()).extracting(Topic::label).contains("conflict", "politics");
        assertThat(analysis.topics()).allSatisfy(t -> assertThat(t.score()).isBetween(0.3, 1.0));
        assertThat(analysis.topics()).filteredOn(t -> t.label().equals("conflict"))
                .extracting(Topic::code).containsExactly("medtop:16000000");
    }

    @Test
    void everyOffsetPointsAtTheSurfaceFormInItsField() {
        assertThat(analysis.entities()).isNotEmpty().allSatisfy(e -> {
            String field = e.field().equals("title") ? title : text;
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
        });
        assertThat(analysis.entities()).extracting(Entity::field).contains("title", "text");
    }

    @Test
    void entitiesDoNotOverlap() {
        List<Entity> sorted = analysis.entities().stream()
                .sorted(java.util.Comparator.comparing(Entity::field).thenComparingInt(Entity::start)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            Entity a = sorted.get(i - 1);
            Entity b = sorted.get(i);
            if (a.field().equals(b.field())) {
                assertThat(b.start()).as("%s overlaps %s", b, a).isGreaterThanOrEqualTo(a.end());
            }
        }
    }

    @Test
    void aRawArticleWithHtmlContentIsAnalysedInFull() {
        String html = "<p>" + text.replace("\n\n", "</p><p>") + "</p>";
        RawArticle raw = new RawArticle(SchemaVersion.CURRENT, "a", "f", "g", "https://e.de/a", title,
                "Entgegen der Ankündigung Russlands sehen die USA und die NATO keine Anzeichen für einen Abzug.",
                html, List.of(), List.of(), Instant.EPOCH, Instant.EPOCH, 1, "de");
        Analysis a = TestModels.analyzer().analyze(raw);
        assertThat(a.language()).isEqualTo("de");
        assertThat(a.entities()).extracting(Entity::field).contains("title", "text", "content");
        assertThat(a.entities()).filteredOn(e -> e.field().equals("content")).extracting(Entity::canonical)
                .contains("Jens Stoltenberg", "Charles Michel");
        String content = ArticleAnalyzer.plainText(html);
        assertThat(a.entities()).filteredOn(e -> e.field().equals("content"))
                .allSatisfy(e -> assertThat(content.substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(a.entities()).filteredOn(e -> e.field().equals("text"))
                .allSatisfy(e -> assertThat(raw.summary().substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(a.topics()).extracting(Topic::label).contains("conflict");
    }

    @Test
    void englishTextIsEnglishAndItsNamesAreFound() {
        Analysis en = TestModels.analyzer().analyze("NATO sees no sign of Russian withdrawal",
                "Secretary of State Antony Blinken said on Wednesday that Russia continues to mass troops near the "
                        + "border with Ukraine. NATO Secretary General Jens Stoltenberg spoke in Brussels.", null, null);
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.entities()).extracting(Entity::canonical)
                .contains("NATO", "Antony Blinken", "Russland", "Ukraine", "Jens Stoltenberg", "Brüssel");
    }

    @Test
    void aGivenLanguageIsTakenAsIs() {
        assertThat(TestModels.analyzer().analyze("Titel", text, "fr", null).language()).isEqualTo("fr");
    }
}
