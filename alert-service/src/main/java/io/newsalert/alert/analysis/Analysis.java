package io.newsalert.alert.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis chains, one per way a text is read. All split words with Unicode's rules
 * (StandardTokenizer), so a word is only ever matched whole or by its compound parts — never as a
 * substring ("Holz" is not in "Scholz").
 *
 * <ul>
 *   <li>{@link #german}: case, umlauts and ß folded (ä = ae = a, ß = ss), inflection removed by
 *       Lucene's light German stemmer ("Sanktionen" → sanktion, "Einmarschs" → einmarsch); with
 *       {@code decompound}, compounds also yield their parts.
 *   <li>{@link #english}: possessives dropped, lower-cased, Porter-stemmed.
 *   <li>{@link #plain}: lower-cased and accent-folded, for other languages and names.
 *   <li>{@link #exact}: lower-cased only: the word form as written, for a quoted single word.
 *   <li>{@link #keyword}: the whole value as one lower-cased token (feed ids, language codes, topics).
 * </ul>
 */
public final class Analysis {

    private Analysis() {}

    public static Analyzer german(boolean decompound) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, germanFilters(source, decompound));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new GermanNormalizationFilter(new LowerCaseFilter(in));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return 100;
            }
        };
    }

    /** The German reading's filters over StandardTokenizer's words (also for {@link TwoReadings}). */
    static TokenStream germanFilters(TokenStream words, boolean decompound) {
        TokenStream stream = decompound ? new CompoundPartsFilter(words, CompoundSplitter.german()) : words;
        stream = new LowerCaseFilter(stream);
        stream = new GermanNormalizationFilter(stream);
        return new GermanLightStemFilter(stream);
    }

    /**
     * The exact reading's filters over StandardTokenizer's words: lower case only, as
     * {@code CharacterUtils.toLowerCase} does it (the matcher lower-cases {@link TwoReadings#words} so).
     */
    static TokenStream exactFilters(TokenStream words) {
        return new LowerCaseFilter(words);
    }

    public static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return 100;
            }
        };
    }

    public static Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                // Entities are one value each: a phrase must not run from one name into the next.
                return 100;
            }
        };
    }

    public static Analyzer exact() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, exactFilters(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    public static Analyzer keyword() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }
}
