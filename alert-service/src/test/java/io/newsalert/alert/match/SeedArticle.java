package io.newsalert.alert.match;

import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import io.newsalert.events.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seed article (test resource seed/000_981597b431742589.txt) with the entities a reader sees in it. */
public final class SeedArticle {

    public static final String TITLE = "Ukraine-Konflikt: Rätselraten um russische Truppen";

    private SeedArticle() {}

    public static String text() {
        try (InputStream in = SeedArticle.class.getResourceAsStream("/seed/000_981597b431742589.txt")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The first line is the page header (date, kicker, title, timestamp); the body follows.
            return all.substring(all.indexOf('\n')).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Entity> entities(String text) {
        List<Entity> entities = new ArrayList<>();
        addAll(entities, text, EntityType.PER, "Jens Stoltenberg", "Jens Stoltenberg");
        addAll(entities, text, EntityType.PER, "Olaf Scholz", "Olaf Scholz");
        addAll(entities, text, EntityType.PER, "Putin", "Wladimir Putin");
        addAll(entities, text, EntityType.ORG, "NATO", "NATO");
        addAll(entities, text, EntityType.LOC, "Brüssel", "Brüssel");
        return entities;
    }

    public static ArticleText article() {
        String text = text();
        return new ArticleText(TITLE, text, "de", entities(text), List.of(new Topic("medtop:16000000", "conflict", 0.9)),
                "tagesschau");
    }

    private static void addAll(List<Entity> out, String text, EntityType type, String surface, String canonical) {
        for (int at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
            out.add(new Entity(type, surface, canonical, "text", at, at + surface.length()));
        }
    }
}
