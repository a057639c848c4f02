package io.newsalert.enrich;

import io.newsalert.enrich.entity.NameModelEvaluation;
import io.newsalert.enrich.topic.TopicModelTraining;
import java.nio.file.Path;

/**
 * Prints the quality figures of the committed models, in one command:
 * {@code ./mvnw -B -q -pl enrich-service -am -Peval process-classes}: entity precision, recall and F1
 * per class on GermEval 2014 {@code dev.tsv} (12 labels and 4 coarse classes), and the topic
 * classifier's 5-fold cross-validated accuracy on 10kGNAD.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../../shared/data");
        NameModelEvaluation.main(new String[] {data.resolve("germeval2014/dev.tsv").toString()});
        TopicModelTraining.crossValidate(io.newsalert.enrich.topic.TopicCorpus.read(data.resolve("10kgnad/articles.csv")), 5);
    }
}
