package io.newsalert.enrich.analysis;

/** The analyzer over the committed models, loaded once for all plain unit tests in this JVM. */
public final class TestModels {

    private static ArticleAnalyzer analyzer;

    private TestModels() {}

    public static synchronized ArticleAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = ArticleAnalyzer.load();
        }
        return analyzer;
    }
}
