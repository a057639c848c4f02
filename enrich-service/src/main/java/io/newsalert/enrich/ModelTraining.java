package io.newsalert.enrich;

import io.newsalert.enrich.entity.NameModelTraining;
import io.newsalert.enrich.topic.TopicModelTraining;
import java.nio.file.Path;

/**
 * Retrains both committed models from the shared data, in one command:
 * {@code ./mvnw -B -q -pl enrich-service -am -Ptrain process-classes}.
 *
 * <p>Arguments: the shared data folder and the folder the models go to
 * (default {@code ../../shared/data} and {@code src/main/resources/models}, from the module).
 */
public final class ModelTraining {

    private ModelTraining() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data");
        Path models = Path.of(args.length > 1 ? args[1] : "src/main/resources/models");
        String only = System.getProperty("only", "");
        if (!only.equals("topics")) {
            NameModelTraining.main(new String[] {
                    data.resolve("germeval2014").toString(), models.resolve("ner-de-perceptron.bin").toString()});
        }
        if (!only.equals("names")) {
            TopicModelTraining.main(new String[] {
                    data.resolve("10kgnad/articles.csv").toString(), models.resolve("topics-de-10kgnad.bin").toString()});
        }
    }
}
