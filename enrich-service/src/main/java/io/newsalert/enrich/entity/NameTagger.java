package io.newsalert.enrich.entity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * The statistical name tagger: OpenNLP's sentence detector (German UD model from Maven Central),
 * a word tokenizer that splits as GermEval's gold tokens do, and a name finder trained on GermEval
 * 2014 ({@link NameModelTraining}).
 *
 * <p>It answers the 12 GermEval labels (PER, PERderiv, PERpart, …, MISC*) as character spans. The
 * OpenNLP components are not thread-safe, so each thread gets its own over the shared models.
 */
public final class NameTagger {

    public static final String MODEL = "/models/ner-de-germeval.bin";
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

    private final ThreadLocal<SentenceDetectorME> sentences;
    private final ThreadLocal<NameFinderME> finders;

    public NameTagger(SentenceModel sentenceModel, TokenNameFinderModel nameModel) {
        sentences = ThreadLocal.withInitial(() -> new SentenceDetectorME(sentenceModel));
        finders = ThreadLocal.withInitial(() -> new NameFinderME(nameModel));
    }

    public static NameTagger load() {
        try (InputStream s = open(SENTENCE_MODEL); InputStream n = open(MODEL)) {
            return new NameTagger(new SentenceModel(s), new TokenNameFinderModel(n));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the name tagger's models", e);
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

    /**
     * Tags one text. Several texts of one article share the finder's memory of earlier mentions
     * (a name seen in the title helps in the text) until {@link #forgetDocument()}.
     */
    public Tagged tag(String text) {
        List<Token> tokens = new ArrayList<>();
        List<Mention> mentions = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new Tagged(tokens, mentions);
        }
        NameFinderME finder = finders.get();
        for (Span sentence : sentences.get().sentPosDetect(text)) {
            String sentenceText = sentence.getCoveredText(text).toString();
            Span[] tokenSpans = tokenize(sentenceText);
            String[] words = new String[tokenSpans.length];
            for (int i = 0; i < tokenSpans.length; i++) {
                words[i] = tokenSpans[i].getCoveredText(sentenceText).toString();
                tokens.add(new Token(sentence.getStart() + tokenSpans[i].getStart(),
                        sentence.getStart() + tokenSpans[i].getEnd(), words[i]));
            }
            for (Span name : finder.find(words)) {
                mentions.add(new Mention(name.getType(),
                        sentence.getStart() + tokenSpans[name.getStart()].getStart(),
                        sentence.getStart() + tokenSpans[name.getEnd() - 1].getEnd()));
            }
        }
        return new Tagged(tokens, mentions);
    }

    static Span[] tokenize(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            spans.add(new Span(m.start(), m.end()));
        }
        return spans.toArray(Span[]::new);
    }

    /** Clears the finder's memory of the previous article's names. */
    public void forgetDocument() {
        finders.get().clearAdaptiveData();
    }
}
