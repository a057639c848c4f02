package io.newsalert.ingest.clean;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns the HTML that feeds put into titles and summaries into the plain text that matching and
 * notifications need: entities decoded, scripts and styles dropped, whitespace collapsed.
 */
public final class HtmlText {

    private HtmlText() {}

    /** Plain text of an HTML fragment; null for null, "" for markup without text. */
    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            // Most titles are plain already; skipping jsoup keeps the hot path cheap.
            return normaliseSpace(html);
        }
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("script, style, noscript, template, iframe, object").remove();
        // Block elements become line breaks in jsoup's text(); a space is what a reader expects.
        return normaliseSpace(doc.body().text());
    }

    /** Plain text cut at a word boundary to at most {@code max} characters, with an ellipsis if cut. */
    public static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return text.substring(0, cut).strip() + "…";
    }

    private static String normaliseSpace(String s) {
        // \u00a0 (&nbsp;) and other Unicode spaces count as whitespace for readers.
        return s.replaceAll("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u3000]+", " ").strip();
    }
}
