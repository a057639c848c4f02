package io.newsalert.enrich.entity;

import io.newsalert.events.Entity;
import io.newsalert.events.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named entities of one article (title and text), each with its canonical name.
 *
 * <p>Three passes, each filling only what the previous left uncovered:
 * <ol>
 *   <li>the statistical tagger ({@link NameTagger}); GermEval's "part" labels (a name inside a
 *       hyphenated compound, "NATO-Generalsekretär") are cut to the name, "deriv" labels
 *       (adjectives such as "russischen") are not names and are left out;</li>
 *   <li>the gazetteer's variants as word sequences, which catches well-known names the tagger
 *       missed;</li>
 *   <li>the article's own names again: a name found once is a name at every other occurrence, and
 *       a person's surname alone ("Michel") refers to the full name found elsewhere.</li>
 * </ol>
 * Canonical names come from the gazetteer, else from the longest person name in the article that
 * ends with the surname, else from the surface form without the genitive -s.
 */
public final class EntityExtraction {

    private final NameTagger tagger;
    private final Gazetteer gazetteer;
    /** Gazetteer variants by their first word, longest first: "Vereinigte Staaten von Amerika" before "Vereinigte Staaten". */
    private final Map<String, List<Map.Entry<String, Gazetteer.Entry>>> variantsByFirstWord = new HashMap<>();

    public EntityExtraction(NameTagger tagger, Gazetteer gazetteer) {
        this.tagger = tagger;
        this.gazetteer = gazetteer;
        gazetteer.textVariants().entrySet().forEach(e ->
                variantsByFirstWord.computeIfAbsent(e.getKey().split(" ")[0], k -> new ArrayList<>()).add(e));
        variantsByFirstWord.values().forEach(list ->
                list.sort(Comparator.comparingInt((Map.Entry<String, Gazetteer.Entry> e) -> e.getKey().length()).reversed()));
    }

    /** A field's text with its tokens and what has been found in it so far. */
    private record Field(String name, String text, List<NameTagger.Token> tokens, List<Found> found) {}

    /** A name found: type, character offsets in its field, surface form. */
    private record Found(EntityType type, int start, int end, String surface) {}

    public List<Entity> extract(String title, String text) {
        List<Field> fields = new ArrayList<>();
        fields.add(field("title", title));
        fields.add(field("text", text));
        for (Field f : fields) {
            addGazetteerMatches(f);
        }
        propagateWithinArticle(fields);
        return canonicalise(fields);
    }

    private Field field(String name, String text) {
        String t = text == null ? "" : text;
        NameTagger.Tagged tagged = tagger.tag(t);
        List<Found> found = new ArrayList<>();
        for (NameTagger.Mention m : tagged.mentions()) {
            String label = m.label();
            if (label.endsWith("deriv")) {
                continue;
            }
            EntityType type = EntityType.valueOf(GermEvalCorpus.coarse(label));
            if (label.endsWith("part")) {
                namePart(t, m.start(), m.end()).ifPresent(span ->
                        found.add(new Found(type, span[0], span[1], t.substring(span[0], span[1]))));
            } else if (Character.isLowerCase(t.charAt(m.start()))) {
                // A name does not start in lower case: on English text the German-trained tagger
                // sometimes takes a phrase for a title ("troops near the border with Ukraine").
                capitalisedCore(t, m.start(), m.end()).ifPresent(span ->
                        found.add(new Found(type, span[0], span[1], t.substring(span[0], span[1]))));
            } else {
                int start = afterLeadingTitles(t, m.start(), m.end());
                // Other types keep their leading words ("UN Security Council") unless what follows is a known person.
                if (type != EntityType.PER && gazetteer.lookup(t.substring(start, m.end()))
                        .filter(e -> e.type() == EntityType.PER).isEmpty()) {
                    start = m.start();
                }
                int end = withoutFinalPeriod(t, start, m.end());
                found.add(new Found(type, start, end, t.substring(start, end)));
            }
        }
        return new Field(name, t, tagged.tokens(), found);
    }

    /**
     * Job titles that an English sentence puts before a name without a comma ("Secretary of State
     * Antony Blinken"): the German-trained tagger takes them for part of the name. German titles
     * are lower-cased adjectives or compounds ("US-Außenminister Antony Blinken") and rarely do.
     */
    private static final Set<String> TITLE_WORDS = Set.of(
            "Secretary", "State", "General", "President", "Vice", "Prime", "Minister", "Chancellor", "Foreign",
            "Defence", "Defense", "Senator", "Governor", "Mayor", "Chairman", "Chair", "Chief", "Executive",
            "Spokesman", "Spokeswoman", "Director", "King", "Queen", "Prince", "Pope", "Mr", "Mr.", "Mrs",
            "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "US", "U.S.", "UN", "NATO", "EU", "Former", "former",
            "Herr", "Frau", "Präsident", "Kanzler", "Bundeskanzler", "Ministerin");

    private static final Pattern NON_SPACE = Pattern.compile("\\S+");

    /** Start of the name after leading titles and lower-case words; the mention's start if none. */
    static int afterLeadingTitles(String text, int start, int end) {
        Matcher word = NON_SPACE.matcher(text).region(start, end);
        List<int[]> words = new ArrayList<>();
        while (word.find()) {
            words.add(new int[] {word.start(), word.end()});
        }
        int i = 0;
        while (i < words.size() - 1) {
            String w = text.substring(words.get(i)[0], words.get(i)[1]);
            if (!TITLE_WORDS.contains(w) && !Character.isLowerCase(w.charAt(0))) {
                break;
            }
            i++;
        }
        return words.isEmpty() ? start : words.get(i)[0];
    }

    /** From the first to the last capitalised word of a span; empty when it has none. */
    static Optional<int[]> capitalisedCore(String text, int start, int end) {
        Matcher word = NON_SPACE.matcher(text).region(start, end);
        int first = -1;
        int last = -1;
        while (word.find()) {
            if (Character.isUpperCase(text.charAt(word.start()))) {
                first = first < 0 ? word.start() : first;
                last = withoutFinalPeriod(text, word.start(), word.end());
            }
        }
        return first < 0 ? Optional.empty() : Optional.of(new int[] {first, last});
    }

    /**
     * The tokenizer leaves a sentence's full stop on an all-caps word ("… sagte er MSNBC."), which
     * is not part of the name; abbreviations with inner stops ("U.S.") keep theirs.
     */
    static int withoutFinalPeriod(String text, int start, int end) {
        if (end - start > 2 && text.charAt(end - 1) == '.' && text.lastIndexOf('.', end - 2) < start) {
            return end - 1;
        }
        return end;
    }

    /**
     * The name inside a compound such as "NATO-Generalsekretär" or "Ukraine-Krise": German puts
     * the name first, so the first hyphen-separated segment, unless it is a prefix like "Anti-".
     * A compound without a hyphen ("Russlandkrise") has no clean name span and yields nothing.
     */
    static Optional<int[]> namePart(String text, int start, int end) {
        String s = text.substring(start, end);
        int hyphen = s.indexOf('-');
        if (hyphen <= 0) {
            return Optional.empty();
        }
        String first = s.substring(0, hyphen);
        if (List.of("Anti", "Ex", "Pro", "Nicht", "Pseudo", "Möchtegern").contains(first)) {
            int next = s.indexOf('-', hyphen + 1);
            return next < 0 ? Optional.empty() : Optional.of(new int[] {start + hyphen + 1, start + next});
        }
        return Optional.of(new int[] {start, start + hyphen});
    }

    private void addGazetteerMatches(Field f) {
        List<NameTagger.Token> tokens = f.tokens();
        for (int index = 0; index < tokens.size(); index++) {
            final int i = index;
            NameTagger.Token token = tokens.get(i);
            String word = token.text();
            // A name at the head of a hyphenated compound: "G20-Treffen", "US-Präsident".
            int hyphen = word.indexOf('-');
            if (hyphen > 0) {
                String head = word.substring(0, hyphen);
                List<Map.Entry<String, Gazetteer.Entry>> heads = variantsByFirstWord.getOrDefault(head, List.of());
                heads.stream().filter(e -> e.getKey().equals(head)).findFirst().ifPresent(e ->
                        add(f, new Found(e.getValue().type(), token.start(), token.start() + hyphen, head)));
            }
            for (String key : new String[] {word, genitiveStem(word)}) {
                List<Map.Entry<String, Gazetteer.Entry>> candidates = key == null ? null : variantsByFirstWord.get(key);
                if (candidates == null) {
                    continue;
                }
                for (Map.Entry<String, Gazetteer.Entry> candidate : candidates) {
                    if (matchesAt(tokens, i, candidate.getKey())) {
                        int end = endOfMatch(tokens, i, candidate.getKey());
                        add(f, new Found(candidate.getValue().type(), token.start(), end, f.text().substring(token.start(), end)));
                        break;
                    }
                }
            }
        }
    }

    private static boolean matchesAt(List<NameTagger.Token> tokens, int i, String variant) {
        String[] words = variant.split(" ");
        if (i + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            String t = tokens.get(i + k).text();
            boolean last = k == words.length - 1;
            if (last && t.length() > 2 && t.endsWith(".") && !words[k].endsWith(".")) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.equals(words[k]) && !(last && words[k].equals(genitiveStem(t)))) {
                return false;
            }
        }
        return true;
    }

    private static int endOfMatch(List<NameTagger.Token> tokens, int i, String variant) {
        NameTagger.Token last = tokens.get(i + variant.split(" ").length - 1);
        boolean strayPeriod = last.text().endsWith(".") && !variant.endsWith(".") && last.text().length() > 2;
        return strayPeriod ? last.end() - 1 : last.end();
    }

    /** "Putins" → "Putin", "Russlands" → "Russland"; null when the word has no genitive -s. */
    static String genitiveStem(String word) {
        if (word.length() > 3 && word.endsWith("s") && Character.isUpperCase(word.charAt(0))) {
            return word.substring(0, word.length() - 1);
        }
        return null;
    }

    /** Adds a name unless it overlaps one already found: earlier passes are more specific. */
    private static void add(Field f, Found candidate) {
        for (Found existing : f.found()) {
            if (candidate.start() < existing.end() && existing.start() < candidate.end()) {
                return;
            }
        }
        f.found().add(candidate);
    }

    private void propagateWithinArticle(List<Field> fields) {
        Map<String, EntityType> known = new LinkedHashMap<>();
        for (Field f : fields) {
            for (Found found : f.found()) {
                known.putIfAbsent(found.surface(), found.type());
                String[] words = found.surface().split(" ");
                if (found.type() == EntityType.PER && words.length > 1) {
                    known.putIfAbsent(words[words.length - 1], EntityType.PER);
                }
            }
        }
        // A single word that the article also uses in lower case ("Die", "Im") is a word, not a name.
        Set<String> words = new HashSet<>();
        fields.forEach(f -> f.tokens().forEach(t -> words.add(t.text())));
        known.keySet().removeIf(name -> name.length() < 2 || !Character.isUpperCase(name.charAt(0))
                || (!name.contains(" ") && words.contains(name.toLowerCase(Locale.ROOT))));
        Map<String, List<Map.Entry<String, EntityType>>> byFirstWord = new HashMap<>();
        known.entrySet().forEach(e -> byFirstWord.computeIfAbsent(e.getKey().split(" ")[0], k -> new ArrayList<>()).add(e));
        for (Field f : fields) {
            List<NameTagger.Token> tokens = f.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                String word = tokens.get(i).text();
                for (String key : new String[] {word, genitiveStem(word)}) {
                    for (Map.Entry<String, EntityType> name : key == null ? List.<Map.Entry<String, EntityType>>of()
                            : byFirstWord.getOrDefault(key, List.of())) {
                        if (matchesAt(tokens, i, name.getKey())) {
                            int end = endOfMatch(tokens, i, name.getKey());
                            add(f, new Found(name.getValue(), tokens.get(i).start(), end, f.text().substring(tokens.get(i).start(), end)));
                        }
                    }
                }
            }
        }
    }

    private List<Entity> canonicalise(List<Field> fields) {
        List<Found> persons = new ArrayList<>();
        fields.forEach(f -> f.found().stream().filter(x -> x.type() == EntityType.PER).forEach(persons::add));
        List<Entity> out = new ArrayList<>();
        for (Field f : fields) {
            f.found().sort(Comparator.comparingInt(Found::start));
            for (Found found : f.found()) {
                Optional<Gazetteer.Entry> entry = gazetteer.lookup(found.surface());
                EntityType type = entry.map(Gazetteer.Entry::type).orElse(found.type());
                String canonical = entry.map(Gazetteer.Entry::canonical)
                        .orElseGet(() -> canonicalOf(found, persons));
                out.add(new Entity(type, found.surface(), canonical, f.name(), found.start(), found.end()));
            }
        }
        return out;
    }

    private String canonicalOf(Found found, List<Found> persons) {
        String surface = found.surface();
        String stem = genitiveStem(surface);
        if (found.type() == EntityType.PER && !surface.contains(" ")) {
            // The longest full name in the article that ends with this surname.
            Optional<String> full = persons.stream().map(Found::surface)
                    .filter(p -> p.contains(" ") && (p.endsWith(" " + surface) || (stem != null && p.endsWith(" " + stem))))
                    .max(Comparator.comparingInt(String::length));
            if (full.isPresent()) {
                return gazetteer.lookup(full.get()).map(Gazetteer.Entry::canonical).orElse(full.get());
            }
        }
        if (stem != null && persons.stream().anyMatch(p -> p.surface().equals(stem))) {
            return stem;
        }
        return surface;
    }
}
