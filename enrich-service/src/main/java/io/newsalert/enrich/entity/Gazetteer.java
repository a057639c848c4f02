package io.newsalert.enrich.entity;

import io.newsalert.events.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Canonical names: every known variant of a name ("Putin", "Vladimir Putin", "Vereinigte Staaten")
 * points to one canonical entry ("Wladimir Putin", "USA") with its type.
 *
 * <p>Two sources: the JDK's CLDR locale data for every country's German and English name, and the
 * curated list {@code gazetteer/names-de.tsv} (organisations, people, places in the news), which
 * wins where both name a variant. Variants of two or more words, or from the curated list, may also
 * be matched in text ({@link Entry#matchInText}); single-word English country names ("Chad",
 * "Jordan") are for canonicalising only, since they double as given names.
 */
public final class Gazetteer {

    static final String RESOURCE = "/gazetteer/names-de.tsv";

    /** A canonical name. */
    public record Entry(EntityType type, String canonical, boolean matchInText) {}

    private final Map<String, Entry> byVariant;

    Gazetteer(Map<String, Entry> byVariant) {
        this.byVariant = Map.copyOf(byVariant);
    }

    public static Gazetteer load() {
        Map<String, Entry> variants = new HashMap<>();
        for (String country : Locale.getISOCountries()) {
            Locale locale = new Locale("", country);
            String german = locale.getDisplayCountry(Locale.GERMAN);
            String english = locale.getDisplayCountry(Locale.ENGLISH);
            if (german.isBlank() || german.equals(country)) {
                continue;
            }
            variants.put(german, new Entry(EntityType.LOC, german, true));
            variants.putIfAbsent(english, new Entry(EntityType.LOC, german, english.contains(" ")));
        }
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("gazetteer " + RESOURCE + " missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 3) {
                    throw new IllegalStateException(RESOURCE + ":" + n + ": expected TYPE, canonical, variants");
                }
                Entry entry = new Entry(EntityType.valueOf(cols[0]), cols[1], true);
                // Countries' CLDR names point to the CLDR canonical; re-point them to the curated one.
                Entry replaced = variants.get(cols[1]);
                if (replaced != null && !replaced.canonical().equals(cols[1])) {
                    variants.replaceAll((k, v) -> v.canonical().equals(replaced.canonical()) ? entry : v);
                }
                variants.put(cols[1], entry);
                for (String variant : cols[2].split("\\|")) {
                    Entry old = variants.put(variant.strip(), entry);
                    if (old != null && old.type() == EntityType.LOC && !old.canonical().equals(entry.canonical())) {
                        // "Vereinigte Staaten" (CLDR) now means "USA": move every variant of the old canonical.
                        variants.replaceAll((k, v) -> v.canonical().equals(old.canonical()) ? entry : v);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read gazetteer " + RESOURCE, e);
        }
        return new Gazetteer(variants);
    }

    /** The entry for a surface form, also when it carries the German genitive -s ("Putins"). */
    public Optional<Entry> lookup(String surface) {
        Entry e = byVariant.get(surface);
        if (e == null && surface.length() > 3 && (surface.endsWith("s") || surface.endsWith("'"))) {
            e = byVariant.get(surface.substring(0, surface.length() - 1));
        }
        return Optional.ofNullable(e);
    }

    /** Variants that may be matched in running text, as word sequences. */
    public Map<String, Entry> textVariants() {
        Map<String, Entry> out = new HashMap<>();
        byVariant.forEach((variant, entry) -> {
            if (entry.matchInText() && variant.length() >= 2) {
                out.put(variant, entry);
            }
        });
        return out;
    }

    public int size() {
        return byVariant.size();
    }
}
