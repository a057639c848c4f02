package io.newsalert.enrich.language;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The language of a text, by OpenNLP's language detector (character n-grams, 103 languages, the
 * Apache model {@code langdetect-183.bin} from Maven Central).
 *
 * <p>The feed's language hint is a prior, not the answer: it wins only when the detector finds the
 * text ambiguous, i.e. when the hinted language scores within {@link #HINT_MARGIN} of the best, or
 * when the text is too short to judge. Codes are ISO 639-1 ("de", "en") where one exists.
 */
public final class LanguageDetection {

    static final String MODEL = "/langdetect-183.bin";
    /** Below this many letters character statistics say little; the hint (or "und") is answered. */
    static final int MIN_LETTERS = 12;
    /** The hinted language is taken when it scores at least this fraction of the best language. */
    static final double HINT_MARGIN = 0.5;
    /**
     * The detector's n-gram statistics settle long before this; it bounds the cost on long texts
     * (the detector costs about 1.5 µs a character, as much as the rest of the analysis of 1,000).
     */
    static final int MAX_CHARS = 500;
    public static final String UNDETERMINED = "und";

    private final LanguageDetectorModel model;
    private final Map<String, String> iso1ByIso3 = new HashMap<>();

    /** What was detected and how sure: the detector's normalised score of that language. */
    public record Result(String language, double confidence) {}

    public LanguageDetection(LanguageDetectorModel model) {
        this.model = model;
        for (String iso1 : Locale.getISOLanguages()) {
            iso1ByIso3.put(new Locale(iso1).getISO3Language(), iso1);
        }
    }

    public static LanguageDetection load() {
        try (InputStream in = LanguageDetection.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("language model " + MODEL + " missing from the classpath");
            }
            return new LanguageDetection(new LanguageDetectorModel(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read language model " + MODEL, e);
        }
    }

    /**
     * @param hint ISO 639-1 code from the feed, may be null
     */
    public Result detect(String text, String hint) {
        String normalizedHint = hint == null || hint.isBlank() ? null : hint.strip().toLowerCase(Locale.ROOT);
        String sample = text == null ? "" : text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        if (sample.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return new Result(normalizedHint == null ? UNDETERMINED : normalizedHint, 0);
        }
        // The detector keeps no state between calls, but creating it per call costs nothing and keeps that a non-question.
        Language[] ranked = new LanguageDetectorME(model).predictLanguages(sample);
        Language best = ranked[0];
        if (normalizedHint != null) {
            for (Language l : ranked) {
                if (iso1(l.getLang()).equals(normalizedHint) && l.getConfidence() >= HINT_MARGIN * best.getConfidence()) {
                    return new Result(normalizedHint, l.getConfidence());
                }
            }
        }
        return new Result(iso1(best.getLang()), best.getConfidence());
    }

    private String iso1(String iso3) {
        return iso1ByIso3.getOrDefault(iso3, iso3);
    }
}
