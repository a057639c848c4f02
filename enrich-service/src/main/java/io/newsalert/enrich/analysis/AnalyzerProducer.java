package io.newsalert.enrich.analysis;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the models once, at start-up (the topology needs them before the first record). */
@ApplicationScoped
public class AnalyzerProducer {

    @Produces
    @Singleton
    public ArticleAnalyzer analyzer() {
        long t0 = System.nanoTime();
        ArticleAnalyzer analyzer = ArticleAnalyzer.load();
        Log.infof("analysis models loaded in %d ms", (System.nanoTime() - t0) / 1_000_000);
        return analyzer;
    }
}
