package io.newsalert.enrich.entity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * The statistical name tagger: OpenNLP's sentence detector (German UD model from Maven Central),
 * a word tokenizer that splits as GermEval's gold tokens do, and a linear-chain model over hashed
 * features ({@link NameModel}, {@link NameFeatures}) trained on GermEval 2014
 * ({@link NameModelTraining}).
 *
 * <p>It answers the 12 GermEval labels (PER, PERderiv, PERpart, …, MISC*) as character spans.
 * Each thread gets its own sentence detector and feature buffers over the shared models.
 */
public final class NameTagger {

    public static final String MODEL = "/models/ner-de-perceptron.bin";
    static final String SENTENCE_MODEL = "/opennlp-de-ud-gsd-sentence-1.3-2.5.4.bin";
    /**
     * Words (with hyphenated compounds, apostrophes and inner dots kept whole: "NATO-Gipfel",
     * "G20-Treffen", "O'Brien"), numbers (with their separators: "16.02.2022", "3:1") and every
     * other visible character alone. This is how the GermEval data the tagger learnt from is split;
     * OpenNLP's statistical tokenizer splits much the same but costs ten times more.
     */
    static final Pattern TOKEN = Pattern.compile(
            "\\p{L}[\\p{L}\\p{M}\\p{N}]*(?:[-'’.&][\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*)*"
                    + "|\\p{N}+(?:[.,:/-]\\p{N}+)*\\p{L}*"
                    + "|\\S");

    /** A token of the text, by character offsets. */
    public record Token(int start, int end, String text) {}

    /** A name the tagger found: GermEval label and character offsets (end exclusive). */
    public record Mention(String label, int start, int end) {}

    /** The tokens of a text and the names found among them. */
    public record Tagged(List<Token> tokens, List<Mention> mentions) {}

    /** What features and sentences need besides the trained weights; shared by training and tagging. */
    record Resources(SentenceModel sentences, WordClasses lexicon, Map<String, List<NameFeatures.GazetteerName>> gazetteer) {
        static Resources load() {
            return load(Gazetteer.load());
        }

        static Resources load(Gazetteer gazetteer) {
            try (InputStream s = open(SENTENCE_MODEL)) {
                return new Resources(new SentenceModel(s), WordClasses.load(), NameFeatures.index(gazetteer));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the sentence model", e);
            }
        }

        NameFeatures features() {
            return new NameFeatures(lexicon, gazetteer);
        }
    }

    /** One thread's mutable parts. */
    private record PerThread(SentenceDetectorME sentences, NameFeatures features, NameModel.Workspace workspace) {}

    private final NameModel model;
    private final ThreadLocal<PerThread> perThread;

    NameTagger(Resources resources, NameModel model) {
        this.model = model;
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(
                new SentenceDetectorME(resources.sentences()), resources.features(), new NameModel.Workspace()));
    }

    /** The tagger with the committed model and its own gazetteer. */
    public static NameTagger load() {
        return load(Gazetteer.load());
    }

    /** The tagger with the committed model; the gazetteer must be the one it was trained with. */
    public static NameTagger load(Gazetteer gazetteer) {
        try (InputStream n = open(MODEL)) {
            return new NameTagger(Resources.load(gazetteer), NameModel.read(n));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the name tagger's model " + MODEL, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = NameTagger.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("model " + resource + " missing from the classpath"
                    + (resource.equals(MODEL) ? "; run the train profile" : ""));
        }
        return in;
    }

    /** Tags one text: sentences, tokens, names. */
    public Tagged tag(String text) {
        List<Token> tokens = new ArrayList<>();
        List<Mention> mentions = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Tagged(tokens, mentions);
        }
        PerThread state = perThread.get();
        for (Span sentence : state.sentences().sentPosDetect(text)) {
            int offset = sentence.getStart();
            Matcher m = TOKEN.matcher(text).region(offset, sentence.getEnd());
            int first = tokens.size();
            while (m.find()) {
                tokens.add(new Token(m.start(), m.end(), m.group()));
            }
            int n = tokens.size() - first;
            if (n == 0) {
                continue;
            }
            String[] words = new String[n];
            for (int i = 0; i < n; i++) {
                words[i] = tokens.get(first + i).text();
            }
            for (int[] span : find(words, state)) {
                mentions.add(new Mention(model.labels[span[0]],
                        tokens.get(first + span[1]).start(), tokens.get(first + span[2] - 1).end()));
            }
        }
        return new Tagged(tokens, mentions);
    }

    /** Names in a tokenized sentence, as OpenNLP spans of token indices with the GermEval label. */
    public Span[] find(String[] words) {
        return find(words, perThread.get()).stream().map(s -> new Span(s[1], s[2], model.labels[s[0]])).toArray(Span[]::new);
    }

    private List<int[]> find(String[] words, PerThread state) {
        if (words.length == 0) {
            return List.of();
        }
        state.features().compute(words);
        int[] tags = model.decode(words, state.features(), state.workspace());
        return NameModel.spans(tags, words.length);
    }
}
