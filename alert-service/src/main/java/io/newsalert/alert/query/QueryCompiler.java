package io.newsalert.alert.query;

import io.newsalert.alert.analysis.ArticleSchema;
import io.newsalert.alert.analysis.ArticleSchema.Reading;
import io.newsalert.alert.analysis.CompoundSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a subscriber's query (Lucene classic syntax) into a query over the article fields, with the
 * semantics DESIGN.md promises:
 *
 * <ul>
 *   <li>words without an operator are all required (default operator AND);
 *   <li>a bare word is read per language (German: case, umlauts, ß, inflection) and on title and text;
 *   <li>a German compound also matches its parts near each other in either order
 *       ({@value #COMPOUND_SLOP} words apart at most): {@code Truppenabzug} finds "Abzug russischer Truppen";
 *   <li>a quoted single word is exact: only that word form (case aside);
 *   <li>an unknown field, a syntax error, or a query that only excludes is refused with its position.
 * </ul>
 *
 * Thread-safe: a fresh classic parser is made per call (it is not thread-safe itself).
 */
public final class QueryCompiler {

    /** How many other words may stand between the parts of a compound found apart. */
    public static final int COMPOUND_SLOP = 5;

    private static final String DEFAULT_FIELD = "_default";
    private static final Pattern FIELD_PREFIX = Pattern.compile("(?<![\\\\\\w.])([\\p{L}\\w.]+):");
    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
    /** Longer queries are refused: a standing query is a few words, and the parser recurses per bracket. */
    public static final int MAX_LENGTH = 2000;
    /** Deeper brackets are refused before parsing: the classic parser would overflow its stack. */
    public static final int MAX_NESTING = 32;

    public CompiledQuery compile(String source) throws QuerySyntaxException {
        if (source == null || source.isBlank()) {
            throw new QuerySyntaxException("the query is empty", 0, null);
        }
        if (source.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("the query is " + source.length() + " characters long; at most " + MAX_LENGTH
                    + " are allowed", MAX_LENGTH, null);
        }
        checkFields(source);
        checkNesting(source);
        Parser parser = new Parser();
        Query query;
        try {
            query = parser.parse(source);
        } catch (ParseException e) {
            throw new QuerySyntaxException(describe(e), position(e, source), e);
        } catch (RuntimeException e) {
            // Lucene refuses some leaves while building them: a regular expression that does not parse
            // (IllegalArgumentException) or a wildcard/regexp too complex to run. A subscriber's mistake, not ours.
            int at = blankQuoted(source).indexOf('/');
            throw new QuerySyntaxException("the query cannot be used: " + e.getMessage(), Math.max(at, 0), e);
        }
        if (query == null || !hasPositiveClause(query)) {
            throw new QuerySyntaxException(
                    "the query needs at least one word that must appear (it only excludes, or has no words)", 0, null);
        }
        return new CompiledQuery(source, query, Map.copyOf(parser.origins));
    }

    /** Unknown fields are found before parsing, where their position is still known. */
    private static void checkFields(String source) throws QuerySyntaxException {
        int openQuote = unclosedQuote(source);
        if (openQuote >= 0) {
            throw new QuerySyntaxException("the quote at position " + openQuote + " is not closed", openQuote, null);
        }
        String unquoted = blankQuoted(source);
        Matcher m = FIELD_PREFIX.matcher(unquoted);
        while (m.find()) {
            String field = m.group(1);
            if (!ArticleSchema.QUERY_FIELDS.contains(field)) {
                throw new QuerySyntaxException("unknown field '" + field + "' at position " + m.start(1)
                        + "; the fields are " + String.join(", ", ArticleSchema.QUERY_FIELDS), m.start(1), null);
            }
        }
    }

    private static void checkNesting(String source) throws QuerySyntaxException {
        String unquoted = blankQuoted(source);
        int depth = 0;
        for (int i = 0; i < unquoted.length(); i++) {
            char c = unquoted.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw new QuerySyntaxException("brackets are nested deeper than " + MAX_NESTING + " levels at position " + i,
                            i, null);
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /** The position of a quote that opens and is never closed, or -1. */
    private static int unclosedQuote(String s) {
        int open = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                open = open < 0 ? i : -1;
            }
        }
        return open;
    }

    /** The query with quoted text and escaped characters blanked out, positions kept. */
    private static String blankQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append("  ");
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                out.append(' ');
            } else {
                out.append(quoted ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static String describe(ParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return "the query does not parse: " + message.strip().replaceAll("\\s+", " ");
    }

    private static int position(ParseException e, String source) {
        Throwable cause = e.getCause();
        if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
            // The classic parser counts columns from 0 on a single line.
            return Math.min(pe.currentToken.next.beginColumn, source.length());
        }
        if (cause instanceof TokenMgrError) {
            Matcher m = COLUMN.matcher(String.valueOf(cause.getMessage()));
            if (m.find()) {
                return Math.min(Integer.parseInt(m.group(1)), source.length());
            }
        }
        return 0;
    }

    private static boolean hasPositiveClause(Query query) {
        if (query instanceof BooleanQuery bq) {
            if (bq.clauses().isEmpty()) {
                return false;
            }
            return bq.clauses().stream().anyMatch(c -> c.getOccur() != BooleanClause.Occur.MUST_NOT && hasPositiveClause(c.getQuery()));
        }
        return true;
    }

    /** The classic parser with every leaf query built by us, field by field and reading by reading. */
    private static final class Parser extends QueryParser {

        final Map<String, String> origins = new HashMap<>();

        Parser() {
            super(DEFAULT_FIELD, ArticleSchema.QUERY_ANALYZER);
            setDefaultOperator(Operator.AND);
            setSplitOnWhitespace(true);
            setAllowLeadingWildcard(false);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return words(field, queryText, quoted, 0);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return words(field, queryText, true, slop);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            return perIndexField(field, termStr, (f, t) -> new PrefixQuery(new Term(f, t)));
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (termStr.startsWith("*") || termStr.startsWith("?")) {
                throw new ParseException("a wildcard may not start a word: '" + termStr + "'");
            }
            return perIndexField(field, termStr, (f, t) -> new WildcardQuery(new Term(f, t)));
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            int edits = minSimilarity >= 1 ? (int) minSimilarity : FuzzyQuery.defaultMaxEdits;
            int maxEdits = Math.min(edits, 2);
            return perIndexField(field, termStr, (f, t) -> new FuzzyQuery(new Term(f, t), maxEdits));
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return perIndexField(field, termStr, (f, t) -> new RegexpQuery(new Term(f, t)));
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            List<String> fields = indexFields(field, false);
            List<Query> clauses = new ArrayList<>();
            for (String f : fields) {
                BytesRef lower = part1 == null || part1.equals("*") ? null : getAnalyzer().normalize(f, part1);
                BytesRef upper = part2 == null || part2.equals("*") ? null : getAnalyzer().normalize(f, part2);
                clauses.add(new TermRangeQuery(f, lower, upper, startInclusive, endInclusive));
            }
            return anyOf(clauses);
        }

        private interface LeafBuilder {
            Query build(String field, String normalizedTerm);
        }

        private Query perIndexField(String field, String termStr, LeafBuilder leaf) throws ParseException {
            List<Query> clauses = new ArrayList<>();
            for (String f : indexFields(field, false)) {
                String normalized = getAnalyzer().normalize(f, termStr).utf8ToString();
                origins.putIfAbsent(normalized, termStr);
                clauses.add(leaf.build(f, normalized));
            }
            return anyOf(clauses);
        }

        /** The indexed fields a query field stands for. */
        private List<String> indexFields(String field, boolean exact) throws ParseException {
            List<String> queryFields = field == null || field.equals(DEFAULT_FIELD)
                    ? ArticleSchema.TEXT_FIELDS : List.of(checked(field));
            List<String> out = new ArrayList<>();
            for (String qf : queryFields) {
                if (!ArticleSchema.isTextField(qf)) {
                    out.add(qf);
                } else {
                    for (String f : ArticleSchema.indexedTextFields(qf)) {
                        if (exact) {
                            out.add(ArticleSchema.field(f, Reading.exact));
                        } else {
                            out.add(ArticleSchema.field(f, Reading.de));
                            out.add(ArticleSchema.field(f, Reading.en));
                            out.add(ArticleSchema.field(f, Reading.xx));
                        }
                    }
                }
            }
            return out;
        }

        private static String checked(String field) throws ParseException {
            if (!ArticleSchema.QUERY_FIELDS.contains(field)) {
                throw new ParseException("unknown field '" + field + "'; the fields are " + String.join(", ", ArticleSchema.QUERY_FIELDS));
            }
            return field;
        }

        private Query words(String field, String text, boolean quoted, int slop) throws ParseException {
            if (quoted) {
                List<String> exactTokens = analyze(ArticleSchema.field(ArticleSchema.TEXT, Reading.exact), text);
                if (exactTokens.size() == 1 && (field == null || field.equals(DEFAULT_FIELD) || ArticleSchema.isTextField(field))) {
                    // A quoted single word is that word form and nothing else: no stemming, no compound parts.
                    List<Query> clauses = new ArrayList<>();
                    for (String f : indexFields(field, true)) {
                        origins.putIfAbsent(exactTokens.get(0), text);
                        clauses.add(new TermQuery(new Term(f, exactTokens.get(0))));
                    }
                    return anyOf(clauses);
                }
            }
            List<Query> clauses = new ArrayList<>();
            for (String f : indexFields(field, false)) {
                List<String> tokens = analyze(f, text);
                if (tokens.isEmpty()) {
                    continue;
                }
                tokens.forEach(t -> origins.putIfAbsent(t, text));
                if (tokens.size() == 1) {
                    Query term = new TermQuery(new Term(f, tokens.get(0)));
                    Query parts = quoted ? null : compoundParts(f, text);
                    clauses.add(parts == null ? term : anyOf(List.of(term, parts)));
                } else {
                    PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
                    tokens.forEach(t -> phrase.add(new Term(f, t)));
                    clauses.add(phrase.build());
                }
            }
            return clauses.isEmpty() ? null : anyOf(clauses);
        }

        /** For a German compound: its parts near each other, in either order (in its order when a part repeats); else null. */
        private Query compoundParts(String indexField, String word) {
            if (!indexField.endsWith("." + Reading.de)) {
                return null;
            }
            List<String> parts = CompoundSplitter.german().parts(word);
            if (parts.size() < 2) {
                return null;
            }
            List<String> stems = new ArrayList<>();
            for (String part : parts) {
                List<String> stem = analyze(indexField, part);
                if (stem.size() != 1) {
                    return null;
                }
                stems.add(stem.get(0));
            }
            // A part twice ("Kindeskinder": kind, kind) needs two places of it. Unordered, Lucene lets both
            // clauses stand on one place, so one "Kind" would match; in order, each clause is after the one before.
            boolean repeated = new HashSet<>(stems).size() < stems.size();
            SpanNearQuery.Builder near = (repeated ? SpanNearQuery.newOrderedNearQuery(indexField)
                    : SpanNearQuery.newUnorderedNearQuery(indexField)).setSlop(COMPOUND_SLOP);
            for (String stem : stems) {
                origins.putIfAbsent(stem, word);
                near.addClause(new SpanTermQuery(new Term(indexField, stem)));
            }
            return near.build();
        }

        private List<String> analyze(String indexField, String text) {
            Analyzer analyzer = getAnalyzer();
            List<String> tokens = new ArrayList<>();
            try (TokenStream stream = analyzer.tokenStream(indexField, text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    tokens.add(term.toString());
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException("analysing a query word cannot fail on a string", e);
            }
            return tokens;
        }

        private static Query anyOf(List<Query> clauses) {
            Set<Query> distinct = new LinkedHashSet<>(clauses);
            if (distinct.size() == 1) {
                return distinct.iterator().next();
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            distinct.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
            return any.build();
        }
    }
}
