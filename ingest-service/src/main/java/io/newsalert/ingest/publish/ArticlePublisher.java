package io.newsalert.ingest.publish;

import io.newsalert.events.RawArticle;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes articles to {@code news.articles.raw}, keyed by article id so a story keeps its partition. */
@ApplicationScoped
public class ArticlePublisher implements ArticleSink {

    private final Emitter<Record<String, RawArticle>> emitter;

    // A poll publishes a whole feed's new items at once (hundreds on a first poll); the default
    // emitter buffer (128) would refuse the rest.
    public ArticlePublisher(@Channel("articles-raw") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<Record<String, RawArticle>> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the article; fails with the broker's error otherwise. */
    @Override
    public CompletionStage<Void> publish(RawArticle article) {
        return emitter.send(Record.of(article.id(), article));
    }
}
