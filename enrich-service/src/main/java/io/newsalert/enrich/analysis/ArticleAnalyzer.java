package io.newsalert.enrich.analysis;

import io.newsalert.enrich.entity.EntityExtraction;
import io.newsalert.enrich.entity.Gazetteer;
import io.newsalert.enrich.entity.NameTagger;
import io.newsalert.enrich.language.LanguageDetection;
import io.newsalert.enrich.topic.TopicClassifier;
import io.newsalert.events.Entity;
import io.newsalert.events.RawArticle;
import io.newsalert.events.Topic;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/**
 * The whole analysis of one article: language, named entities, topics. One instance serves every
 * thread (the stream threads and the REST endpoint).
 *
 * <p>Entity offsets index the field they name: {@code title}, {@code text} (the article's
 * summary, the plain text alert-service matches on) and, when the feed carried full content,
 * {@code content}: that HTML as plain text, cleaned as ingest-service cleans summaries.
 */
public class ArticleAnalyzer {

    private final LanguageDetection language;
    private final EntityExtraction entities;
    private final TopicClassifier topics;

    public ArticleAnalyzer(LanguageDetection language, EntityExtraction entities, TopicClassifier topics) {
        this.language = language;
        this.entities = entities;
        this.topics = topics;
    }

    /** Loads every model from the classpath: a few seconds, once. */
    public static ArticleAnalyzer load() {
        Gazetteer gazetteer = Gazetteer.load();
        return new ArticleAnalyzer(LanguageDetection.load(),
                new EntityExtraction(NameTagger.load(gazetteer), gazetteer), TopicClassifier.load());
    }

    /**
     * @param forcedLanguage the caller's language, taken as given; null to detect
     * @param languageHint a prior for detection, may be null
     */
    public Analysis analyze(String title, String text, String forcedLanguage, String languageHint) {
        String all = (title == null ? "" : title) + "\n\n" + (text == null ? "" : text);
        String lang = forcedLanguage != null && !forcedLanguage.isBlank()
                ? forcedLanguage.strip().toLowerCase(java.util.Locale.ROOT)
                : language.detect(all, languageHint).language();
        return new Analysis(lang, entities.extract(title, text), topics.classify(title, text));
    }

    public Analysis analyze(RawArticle article) {
        String content = plainText(article.content());
        String summary = article.summary();
        boolean contentAddsText = content != null && !content.isBlank()
                && (summary == null || !summary.strip().equals(content.strip()));
        String body = contentAddsText ? content : summary;
        String all = (article.title() == null ? "" : article.title()) + "\n\n" + (body == null ? "" : body);
        String lang = language.detect(all, article.languageHint()).language();
        List<Entity> found = new ArrayList<>(entities.extract(article.title(), summary));
        if (contentAddsText) {
            // Content is analysed as its own text; only its entities are kept, under field "content".
            for (Entity e : entities.extract(null, content)) {
                found.add(new Entity(e.type(), e.text(), e.canonical(), "content", e.start(), e.end()));
            }
        }
        List<Topic> topicList = topics.classify(article.title(), body);
        return new Analysis(lang, found, topicList);
    }

    /** Same cleaning as ingest-service's HtmlText: scripts dropped, whitespace collapsed. */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        var doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, noscript, template, iframe, object").remove();
        return doc.body().text().replaceAll("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u3000]+", " ").strip();
    }
}
