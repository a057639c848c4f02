package io.newsalert.ingest.publish;

import io.newsalert.events.RawArticle;
import java.util.concurrent.CompletionStage;

/** Where new articles go: completes when the broker has them, fails with the broker's error. */
public interface ArticleSink {
    CompletionStage<Void> publish(RawArticle article);
}
