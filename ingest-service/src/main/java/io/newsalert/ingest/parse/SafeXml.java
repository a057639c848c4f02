package io.newsalert.ingest.parse;

import java.io.StringReader;
import javax.xml.XMLConstants;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * The one place XML parsers are made, hardened against hostile feeds: no external entity, no
 * external DTD, no network and no local file is ever read, and the JDK's entity-expansion limits
 * (secure processing) stop entity bombs. Internal DOCTYPEs stay allowed, because old RSS 0.91
 * feeds carry one.
 */
public final class SafeXml {

    /** The JDK parser's limit properties (com.sun.org.apache.xerces.internal, the JDK's own SAX parser). */
    private static final String JDK_LIMITS = "http://www.oracle.com/xml/jaxp/properties/";
    static final int MAX_ENTITY_EXPANSIONS = 10_000;
    static final int MAX_ENTITY_CHARS = 1_000_000;
    /** Real feeds nest a dozen levels; thousands is an attack on the tree builder's stack. */
    static final int MAX_ELEMENT_DEPTH = 500;

    private SafeXml() {}

    public static SAXBuilder builder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        // Belt and braces: should a parser ignore a feature, every external reference resolves to nothing.
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        // Secure processing's defaults (64,000 expansions, 50 million characters in all) still let a
        // "quadratic blowup" (one long entity referenced thousands of times) build a 100 MB string.
        // Feeds barely use entities of their own: a few thousand expansions and a megabyte are ample.
        builder.setProperty(JDK_LIMITS + "entityExpansionLimit", Integer.toString(MAX_ENTITY_EXPANSIONS));
        builder.setProperty(JDK_LIMITS + "totalEntitySizeLimit", Integer.toString(MAX_ENTITY_CHARS));
        builder.setProperty(JDK_LIMITS + "maxGeneralEntitySizeLimit", Integer.toString(MAX_ENTITY_CHARS));
        builder.setProperty(JDK_LIMITS + "maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
        builder.setExpandEntities(true);
        return builder;
    }
}
