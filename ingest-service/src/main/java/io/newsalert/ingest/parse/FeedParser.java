package io.newsalert.ingest.parse;

import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.MediaGroup;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import io.newsalert.events.ArticleId;
import io.newsalert.ingest.clean.HtmlText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;

/**
 * Bytes of a feed to {@link ParsedFeed}: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through Rome (with its
 * Dublin Core, content and media modules), on a hardened XML parser ({@link SafeXml}).
 *
 * <p>Every way a body can fail to be a feed ends in a {@link FeedParseException} whose message says
 * what is wrong in words a feed's owner can act on; nothing here logs and carries on.
 */
public final class FeedParser {

    /** Summaries longer than this are cut: the full text travels as {@code content}. */
    static final int MAX_SUMMARY_CHARS = 2000;

    private static final Pattern EXTERNAL_ENTITY =
            Pattern.compile("<!ENTITY\\s+(%\\s+)?([^\\s>]+)\\s+(SYSTEM|PUBLIC)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> DATE_ELEMENTS =
            Set.of("pubDate", "date", "published", "updated", "issued", "modified", "created");

    private FeedParser() {}

    /**
     * @param body the response body as received (after gzip decoding)
     * @param contentType the HTTP Content-Type header, may be null; its charset wins over the prolog
     */
    public static ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
        if (body == null || isBlank(body)) {
            throw new FeedParseException("the server sent an empty body instead of a feed");
        }
        Document doc = readXml(body, contentType);
        Element root = doc.getRootElement();
        if (root.getName().equalsIgnoreCase("html")) {
            throw notAFeedButHtml(contentType);
        }
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.US);
            feed = input.build(doc);
        } catch (IllegalArgumentException | FeedException e) {
            throw new FeedParseException("the document is XML but not an RSS or Atom feed (its root element is <"
                    + root.getQualifiedName() + ">)", e);
        } catch (RuntimeException e) {
            throw new FeedParseException("the feed could not be read: " + e, e);
        }
        return toParsedFeed(feed, root);
    }

    private static Document readXml(byte[] body, String contentType) throws FeedParseException {
        // XmlReader takes the charset from the HTTP header, the BOM or the XML prolog (leniently).
        String text;
        try (Reader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            StringBuilder sb = new StringBuilder(body.length);
            char[] buf = new char[8192];
            for (int n; (n = reader.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
        } catch (IOException e) {
            throw new FeedParseException("the feed's bytes cannot be decoded (" + e.getMessage()
                    + "); check the charset in its Content-Type header and XML declaration", e);
        }
        checkNoExternalEntities(text);
        try {
            return SafeXml.builder().build(new StringReader(text));
        } catch (JDOMParseException first) {
            // Real feeds use HTML entities (&nbsp;, &auml;) that XML does not define; Rome's
            // XmlFixerReader repairs them. It costs more than the parse itself, so only feeds
            // that need it go through it.
            try {
                return SafeXml.builder().build(new XmlFixerReader(new StringReader(text)));
            } catch (JDOMException | IOException | RuntimeException again) {
                throw notWellFormed(first, body, contentType);
            }
        } catch (JDOMException | IOException e) {
            throw new FeedParseException("the feed is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static FeedParseException notWellFormed(JDOMParseException e, byte[] body, String contentType) {
        if (looksLikeHtml(body, contentType)) {
            return notAFeedButHtml(contentType);
        }
        String msg = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        if (msg.contains("entity expansions") || msg.contains("entit") && msg.contains("limit")) {
            return new FeedParseException("the feed defines entities that expand beyond the safety limit "
                    + "(an XML entity bomb); it was refused: " + msg, e);
        }
        if (msg.contains("JAXP0001")) {
            // the JDK parser's other limits (SafeXml): element depth, sizes
            return new FeedParseException("the feed is beyond the XML parser's safety limits; it was refused: " + msg, e);
        }
        return new FeedParseException("the feed is not well-formed XML (line " + e.getLineNumber()
                + ", column " + e.getColumnNumber() + "): " + msg, e);
    }

    /**
     * The parser would not read an external entity anyway (SafeXml); refusing the feed makes the
     * attempt visible as the feed's error instead of a silently empty title.
     */
    private static void checkNoExternalEntities(String text) throws FeedParseException {
        int doctype = text.indexOf("<!DOCTYPE");
        if (doctype < 0) {
            return;
        }
        int root = text.indexOf("]>", doctype);
        String subset = text.substring(doctype, root < 0 ? Math.min(text.length(), doctype + 65536) : root);
        var m = EXTERNAL_ENTITY.matcher(subset);
        if (m.find()) {
            throw new FeedParseException("the feed declares an external entity '" + m.group(2)
                    + "' in its DOCTYPE; external entities are refused so that no local file or internal "
                    + "address is ever read");
        }
    }

    private static FeedParseException notAFeedButHtml(String contentType) {
        return new FeedParseException("the server sent an HTML page, not a feed"
                + (contentType == null ? "" : " (Content-Type: " + contentType + ")")
                + "; check the URL: the page may link to its RSS or Atom feed");
    }

    private static boolean looksLikeHtml(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
                .strip().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<html");
    }

    private static ParsedFeed toParsedFeed(SyndFeed feed, Element root) {
        ZoneId zone = FeedDates.zoneFor(feed.getLanguage());
        List<Element> rawItems = itemElements(root);
        List<SyndEntry> entries = feed.getEntries();
        boolean aligned = rawItems.size() == entries.size();
        List<FeedItem> items = new ArrayList<>(entries.size());
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            try {
                items.add(toItem(entry, aligned ? rawItems.get(i) : null, zone, feed.getLink()));
            } catch (IllegalArgumentException e) {
                skipped.add("item " + (i + 1) + " (" + HtmlText.toText(entry.getTitle()) + "): " + e.getMessage());
            }
        }
        return new ParsedFeed(feed.getFeedType(), HtmlText.toText(feed.getTitle()), blankToNull(feed.getLink()),
                blankToNull(feed.getLanguage()), items, skipped);
    }

    private static FeedItem toItem(SyndEntry entry, Element raw, ZoneId zone, String feedLink) {
        // Rome's uri is the RSS guid, or the link when there is none, or the Atom id. The item's own
        // element says which (cheaper than asking Rome to keep its wire-level feed).
        String guid = blankToNull(entry.getUri());
        boolean permaLink = false;
        if (raw != null && raw.getName().equals("item")) {
            Element g = raw.getChild("guid", raw.getNamespace());
            guid = g == null ? null : blankToNull(g.getTextNormalize());
            // RSS says a guid without isPermaLink="false" is a link; feeds that put opaque ids there
            // without the attribute are common, so only a guid that reads as a URL counts as one.
            permaLink = guid != null && !"false".equalsIgnoreCase(g.getAttributeValue("isPermaLink"))
                    && guid.matches("(?i)https?://\\S*");
        } else if (raw == null && guid != null && guid.equals(entry.getLink())) {
            guid = null; // Rome copied the link; the item had no guid of its own
        }
        String link = blankToNull(entry.getLink());
        if (link == null && permaLink) {
            link = guid;
        }
        String title = HtmlText.toText(entry.getTitle());
        String content = null;
        for (SyndContent c : entry.getContents()) {
            if (c != null && c.getValue() != null && !c.getValue().isBlank()) {
                content = c.getValue().strip();
                break;
            }
        }
        String description = entry.getDescription() == null ? null : entry.getDescription().getValue();
        if (guid == null && link == null) {
            // An item with neither guid nor link still is news; its text identifies it within its
            // feed. Only an item without any text is skipped (and reported).
            String text = !isBlank(title) ? title : !isBlank(description) ? description : content;
            if (isBlank(text)) {
                throw new IllegalArgumentException("the item has no guid, no link and no text");
            }
            guid = "urn:newsalert:item:" + ArticleId.of(feedLink + "\n" + text, false, null);
        }
        String id = ArticleId.of(guid, permaLink, link);

        MediaEntryModule media = entry.getModule(MediaModule.URI) instanceof MediaEntryModule m ? m : null;
        String summary = null;
        if (description != null) {
            summary = HtmlText.toText(description);
        }
        if (isBlank(summary) && media != null) {
            summary = HtmlText.toText(mediaDescription(media));
        }
        if (isBlank(summary) && content != null) {
            summary = HtmlText.toText(content);
        }
        summary = HtmlText.abbreviate(blankToNull(summary), MAX_SUMMARY_CHARS);

        List<String> authors = new ArrayList<>();
        for (SyndPerson p : entry.getAuthors()) {
            if (!isBlank(p.getName())) {
                authors.add(p.getName().strip());
            }
        }
        if (authors.isEmpty() && !isBlank(entry.getAuthor())) {
            authors.add(entry.getAuthor().strip());
        }
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory c : entry.getCategories()) {
            if (!isBlank(c.getName())) {
                categories.add(HtmlText.toText(c.getName()));
            }
        }
        Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
        if (published == null && raw != null) {
            published = rawDate(raw, zone);
        }
        return new FeedItem(id, guid, link, title, summary, content,
                authors, List.copyOf(categories), published, mediaUrls(entry, media));
    }

    private static String mediaDescription(MediaEntryModule media) {
        if (media.getMetadata() != null && media.getMetadata().getDescription() != null) {
            return media.getMetadata().getDescription();
        }
        for (MediaGroup g : media.getMediaGroups()) {
            if (g.getMetadata() != null && g.getMetadata().getDescription() != null) {
                return g.getMetadata().getDescription();
            }
        }
        return null;
    }

    private static List<String> mediaUrls(SyndEntry entry, MediaEntryModule media) {
        Set<String> urls = new LinkedHashSet<>();
        for (SyndEnclosure e : entry.getEnclosures()) {
            if (!isBlank(e.getUrl())) {
                urls.add(e.getUrl().strip());
            }
        }
        if (media != null) {
            addMedia(urls, media.getMediaContents(), media.getMetadata());
            for (MediaGroup g : media.getMediaGroups()) {
                addMedia(urls, g.getContents(), g.getMetadata());
            }
        }
        return List.copyOf(urls);
    }

    private static void addMedia(Set<String> urls, MediaContent[] contents, Metadata metadata) {
        if (contents != null) {
            for (MediaContent c : contents) {
                if (c.getReference() != null) {
                    urls.add(c.getReference().toString());
                }
                addThumbnails(urls, c.getMetadata());
            }
        }
        addThumbnails(urls, metadata);
    }

    private static void addThumbnails(Set<String> urls, Metadata metadata) {
        if (metadata != null && metadata.getThumbnail() != null) {
            for (Thumbnail t : metadata.getThumbnail()) {
                if (t.getUrl() != null) {
                    urls.add(t.getUrl().toString());
                }
            }
        }
    }

    /** The item and entry elements in document order, so that they line up with Rome's entries. */
    private static List<Element> itemElements(Element root) {
        List<Element> out = new ArrayList<>();
        collectItems(root, out);
        return out;
    }

    private static void collectItems(Element e, List<Element> out) {
        for (Element child : e.getChildren()) {
            if (child.getName().equals("item") || child.getName().equals("entry")) {
                out.add(child);
            } else {
                collectItems(child, out);
            }
        }
    }

    private static Instant rawDate(Element item, ZoneId zone) {
        for (Element child : item.getChildren()) {
            if (DATE_ELEMENTS.contains(child.getName())) {
                Instant parsed = FeedDates.parse(child.getTextNormalize(), zone);
                if (parsed != null) {
                    return parsed;
                }
            }
        }
        return null;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.strip();
    }
}
