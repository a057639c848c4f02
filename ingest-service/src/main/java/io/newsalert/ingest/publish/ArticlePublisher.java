package io.newsalert.ingest.publish;

import io.newsalert.events.RawArticle;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes articles to {@code news.articles.raw}, keyed by article id so a story keeps its partition. */
@ApplicationScoped
public class ArticlePublisher {

    private final Emitter<Record<String, RawArticle>> emitter;

    public ArticlePublisher(@Channel("articles-raw") Emitter<Record<String, RawArticle>> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the article; fails with the broker's error otherwise. */
    public CompletionStage<Void> publish(RawArticle article) {
        return emitter.send(Record.of(article.id(), article));
    }
}
