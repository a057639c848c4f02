package io.newsalert.enrich.analysis;

import io.newsalert.events.Entity;
import io.newsalert.events.Topic;
import java.util.List;

/** What the analysis adds to an article: exactly what {@code POST /api/enrich} answers. */
public record Analysis(String language, List<Entity> entities, List<Topic> topics) {

    public Analysis {
        entities = entities == null ? List.of() : List.copyOf(entities);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }
}
