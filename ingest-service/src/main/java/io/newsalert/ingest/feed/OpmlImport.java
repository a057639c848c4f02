package io.newsalert.ingest.feed;

import com.rometools.opml.feed.opml.Opml;
import com.rometools.opml.feed.opml.Outline;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import io.newsalert.ingest.parse.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;

/**
 * Reads an OPML subscription list (1.0 or 2.0, nested folders) into the feeds it names, through
 * Rome's OPML module on the hardened parser. Folder titles become labels.
 */
public final class OpmlImport {

    /** A feed the OPML names. */
    public record Entry(String url, String title, String language, List<String> labels) {}

    private OpmlImport() {}

    /** @throws IllegalArgumentException with a message that says what is wrong and where */
    public static List<Entry> read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("the OPML file is empty");
        }
        Document doc;
        try (Reader reader = new XmlReader(new ByteArrayInputStream(body), true)) {
            doc = SafeXml.builder().build(reader);
        } catch (JDOMParseException e) {
            throw new IllegalArgumentException("the OPML file is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + "): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (JDOMException | IOException e) {
            throw new IllegalArgumentException("the OPML file cannot be read: " + e.getMessage(), e);
        }
        WireFeed feed;
        try {
            feed = new WireFeedInput().build(doc);
        } catch (IllegalArgumentException | FeedException e) {
            throw new IllegalArgumentException("the file is XML but not OPML (root element <"
                    + doc.getRootElement().getName() + ">)", e);
        }
        if (!(feed instanceof Opml opml)) {
            throw new IllegalArgumentException("the file is a " + feed.getFeedType() + " feed, not an OPML list; "
                    + "register it with POST /api/feeds instead");
        }
        List<Entry> out = new ArrayList<>();
        collect(opml.getOutlines(), new ArrayList<>(), out);
        return out;
    }

    private static void collect(List<Outline> outlines, List<String> folders, List<Entry> out) {
        for (Outline o : outlines) {
            String title = firstNonBlank(o.getTitle(), o.getText());
            String xmlUrl = o.getXmlUrl();
            if (xmlUrl != null && !xmlUrl.isBlank()) {
                out.add(new Entry(xmlUrl.strip(), title, blankToNull(o.getAttributeValue("language")),
                        List.copyOf(folders)));
            }
            if (!o.getChildren().isEmpty()) {
                List<String> inner = new ArrayList<>(folders);
                if (title != null && (xmlUrl == null || xmlUrl.isBlank())) {
                    inner.add(title);
                }
                collect(o.getChildren(), inner, out);
            }
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : blankToNull(b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
