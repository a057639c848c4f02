package io.newsalert.soak.feeds;

import io.newsalert.soak.corpus.Story;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One feed of the load: the newest {@code window} stories, newest first, rendered as RSS 2.0 or
 * Atom 1.0. Half of the feeds answer conditional GETs (ETag), half always send the whole feed, as
 * real servers differ. A feed turned to garbage serves bytes that are not a feed.
 */
public final class SyntheticFeed {

    /** A story as this feed lists it: cross-posted copies carry the feed's own tracking parameters and guid. */
    record Listing(Story story, String link, String guid, Instant published) {}

    public enum Format { RSS, ATOM }

    private final int index;
    private final Format format;
    private final boolean etags;
    private final int window;
    private final Deque<Listing> listings = new ArrayDeque<>();
    private long version;
    private long renderedVersion = -1;
    private byte[] rendered;
    private volatile boolean garbage;

    public SyntheticFeed(int index, int window) {
        this.index = index;
        this.format = index % 3 == 2 ? Format.ATOM : Format.RSS;
        this.etags = index % 2 == 0;
        this.window = window;
    }

    public int index() {
        return index;
    }

    public String path() {
        return "/feeds/" + index + (format == Format.ATOM ? ".atom" : ".rss");
    }

    public boolean sendsEtag() {
        return etags;
    }

    public boolean isGarbage() {
        return garbage;
    }

    /** Lists the story on top; the oldest listing beyond the window is dropped. */
    public synchronized void add(Story story, String link, String guid, Instant now) {
        listings.addFirst(new Listing(story, link, guid, now));
        story.listed(now);
        while (listings.size() > window) {
            listings.removeLast().story().unlisted(now);
        }
        version++;
    }

    /** A listed story changed its text. */
    public synchronized void touched() {
        version++;
    }

    /** From now on the feed answers garbage: none of its stories is visible through it any more. */
    public synchronized void turnToGarbage(Instant now) {
        garbage = true;
        for (Listing l : listings) {
            l.story().unlisted(now);
        }
        listings.clear();
        version++;
    }

    public synchronized String etag() {
        return "\"f" + index + "v" + version + "\"";
    }

    public synchronized byte[] body() {
        if (renderedVersion != version) {
            rendered = garbage ? garbageBytes() : render();
            renderedVersion = version;
        }
        return rendered;
    }

    public String contentType() {
        if (garbage) {
            return "application/rss+xml; charset=utf-8";
        }
        return format == Format.ATOM ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
    }

    private byte[] garbageBytes() {
        // Claims to be a feed, is not XML: what a broken CMS or a captive portal serves.
        return ("\u0000\u00ff<rss version=\"2.0\"><channel><title>kaputt & <<<" + "\uFFFD".repeat(64) + " feed " + index)
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] render() {
        List<Listing> items = new ArrayList<>(listings);
        StringBuilder x = new StringBuilder(1024 + items.size() * 900);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (format == Format.ATOM) {
            x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Soak-Feed ").append(index).append("</title>")
                    .append("<id>urn:soak:feed:").append(index).append("</id>")
                    .append("<updated>").append(iso(items.isEmpty() ? Instant.EPOCH : items.get(0).published())).append("</updated>\n");
            for (Listing l : items) {
                var r = l.story().current();
                x.append("<entry><title>").append(escape(r.title())).append("</title>")
                        .append("<link rel=\"alternate\" href=\"").append(escape(l.link())).append("\"/>")
                        .append("<id>").append(escape(l.guid())).append("</id>")
                        .append("<updated>").append(iso(l.published())).append("</updated>")
                        .append("<summary>").append(escape(r.text())).append("</summary></entry>\n");
            }
            x.append("</feed>\n");
        } else {
            x.append("<rss version=\"2.0\"><channel><title>Soak-Feed ").append(index).append("</title>")
                    .append("<link>https://soak.example/feed/").append(index).append("</link>")
                    .append("<description>Synthetische Nachrichten aus echten Sätzen</description>\n");
            for (Listing l : items) {
                var r = l.story().current();
                x.append("<item><title>").append(escape(r.title())).append("</title>")
                        .append("<link>").append(escape(l.link())).append("</link>")
                        .append("<guid isPermaLink=\"false\">").append(escape(l.guid())).append("</guid>")
                        .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(l.published().atZone(ZoneOffset.UTC)))
                        .append("</pubDate>")
                        .append("<description>").append(escape(r.text())).append("</description></item>\n");
            }
            x.append("</channel></rss>\n");
        }
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
