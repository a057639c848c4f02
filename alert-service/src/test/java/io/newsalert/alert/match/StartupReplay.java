package io.newsalert.alert.match;

import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run in its own small-heap JVM by {@link MatcherStartupMemoryTest}: what alert-service does at
 * start-up, the whole replay of {@code alerts.subscriptions} into the matcher as one batch, for N
 * subscriptions with queries of every shape (words, compounds, pairs, phrases, fields, OR, NOT,
 * entity filters) drawn from real German news. Prints {@code active=N} and one match count.
 */
public final class StartupReplay {

    private static final Pattern NOUN = Pattern.compile("\\p{Lu}\\p{Ll}{3,20}");

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        List<String> words = nouns();
        Random r = new Random(7);
        Map<String, Optional<Subscription>> batch = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String a = words.get(r.nextInt(words.size()));
            String b = words.get(r.nextInt(words.size()));
            String query = switch (i % 8) {
                case 0 -> a;
                case 1 -> a + " " + b;
                case 2 -> "\"" + a + " " + b + "\"";
                case 3 -> "title:" + a;
                case 4 -> a + " OR " + b;
                case 5 -> a + " NOT " + b;
                case 6 -> "entity:\"" + a + " " + b + "\"";
                default -> "(" + a + " OR " + b + ") AND topic:politics";
            };
            String id = "sub-" + i;
            batch.put(id, Optional.of(new Subscription(SchemaVersion.CURRENT, id, "replay", id, query, List.of(Channel.email("r@example.org")),
                    Frequency.immediate, null, List.of(), List.of(), true, Instant.EPOCH)));
        }
        SubscriptionMatcher matcher = SubscriptionMatcher.standalone();
        matcher.apply(batch);
        int matched = matcher.match(new ArticleText(String.join(" ", words.subList(0, 20)), String.join(" ", words.subList(0, 400)), "de",
                List.of(), List.of(), "replay")).size();
        System.out.println("active=" + matcher.subscriptionCount() + " matched=" + matched);
    }

    private static List<String> nouns() throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                StartupReplay.class.getResourceAsStream("/10kgnad/articles.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && out.size() < 20_000) {
                Matcher m = NOUN.matcher(line);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }
}
