package io.newsalert.ingest.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates Rome gives up on: German month and weekday names, missing time zones, dotted
 * German dates. What cannot be read is null: an article without a date is still an article.
 */
public final class FeedDates {

    private static final Map<String, String> GERMAN_MONTHS = Map.ofEntries(
            Map.entry("januar", "Jan"), Map.entry("jan", "Jan"), Map.entry("jänner", "Jan"),
            Map.entry("februar", "Feb"), Map.entry("feb", "Feb"), Map.entry("märz", "Mar"),
            Map.entry("mär", "Mar"), Map.entry("maerz", "Mar"), Map.entry("mrz", "Mar"),
            Map.entry("april", "Apr"), Map.entry("apr", "Apr"), Map.entry("mai", "May"),
            Map.entry("juni", "Jun"), Map.entry("jun", "Jun"), Map.entry("juli", "Jul"),
            Map.entry("jul", "Jul"), Map.entry("august", "Aug"), Map.entry("aug", "Aug"),
            Map.entry("september", "Sep"), Map.entry("sep", "Sep"), Map.entry("sept", "Sep"),
            Map.entry("oktober", "Oct"), Map.entry("okt", "Oct"), Map.entry("november", "Nov"),
            Map.entry("nov", "Nov"), Map.entry("dezember", "Dec"), Map.entry("dez", "Dec"));

    private static final Pattern WORD = Pattern.compile("\\p{L}+\\.?");
    private static final Pattern WEEKDAY = Pattern.compile(
            "^(mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
                    + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\.?,?\\s+",
            Pattern.CASE_INSENSITIVE);

    /** With an offset or zone; tried first. */
    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.RFC_1123_DATE_TIME,
            pattern("d MMM uuuu H:mm[:ss] [XXX][XX][X][z]"),
            pattern("d MMM uu H:mm[:ss] [XXX][XX][X][z]"),
            pattern("d. MMM uuuu H:mm[:ss] [XXX][XX][X][z]"),
            pattern("uuuu-MM-dd H:mm[:ss] [XXX][XX][X][z]"),
            pattern("d.M.uuuu H:mm[:ss] [XXX][XX][X][z]"));

    /** Without a zone: read in the feed's zone. */
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            pattern("d MMM uuuu H:mm[:ss]"),
            pattern("d. MMM uuuu H:mm[:ss]"),
            pattern("d. MMM uuuu, H:mm[:ss]"),
            pattern("uuuu-MM-dd H:mm[:ss]"),
            pattern("d.M.uuuu H:mm[:ss]"),
            pattern("d.M.uuuu, H:mm[:ss]"),
            pattern("d.M.uuuu - H:mm[:ss]"));

    private static final List<DateTimeFormatter> DATE_ONLY = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, pattern("d MMM uuuu"), pattern("d. MMM uuuu"), pattern("d.M.uuuu"));

    private FeedDates() {}

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient().appendPattern(p)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter(Locale.ENGLISH)
                // STRICT: 31 February is junk, not 28 February.
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /**
     * @param zone the zone a date without offset is read in (the feed's, by its language)
     * @return the instant, or null when the text is not a date this class knows
     */
    public static Instant parse(String raw, ZoneId zone) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = normalise(raw);
        for (DateTimeFormatter f : ZONED) {
            try {
                TemporalAccessor t = f.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
                if (t instanceof ZonedDateTime z) {
                    return z.toInstant();
                }
            } catch (java.time.DateTimeException e) {
                // not this shape; the next one may fit
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // not this shape
            }
        }
        for (DateTimeFormatter f : DATE_ONLY) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                // not this shape
            }
        }
        return null;
    }

    /** The zone a feed's dates without offset are most likely meant in. */
    public static ZoneId zoneFor(String language) {
        if (language != null) {
            String l = language.toLowerCase(Locale.ROOT);
            if (l.startsWith("de") || l.startsWith("at") || l.equals("ch")) {
                return ZoneId.of("Europe/Berlin");
            }
        }
        return ZoneId.of("UTC");
    }

    private static String normalise(String raw) {
        String s = raw.strip().replaceAll("\\s+", " ");
        s = s.replaceAll("(?i)\\s+Uhr\\b", "");
        s = s.replaceAll("(?i)\\bMEZ\\b", "+0100").replaceAll("(?i)\\bMESZ\\b", "+0200")
                .replaceAll("(?i)\\bCEST\\b", "+0200").replaceAll("(?i)\\bCET\\b", "+0100");
        s = WEEKDAY.matcher(s).replaceFirst("");
        Matcher m = WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            String key = word.replace(".", "").toLowerCase(Locale.ROOT);
            String month = GERMAN_MONTHS.get(key);
            String replacement = month != null ? month : word;
            // keep the dot after a day number ("16. Feb") but not after an abbreviated month ("Feb.")
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("T ", "T").strip();
    }
}
