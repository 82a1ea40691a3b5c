package cn.emcc.protocols.cap;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;

/**
 * Parses untrusted XML into a DOM with everything that could reach outside the
 * document switched off: no DOCTYPE at all (which rules out external entities,
 * XXE and entity-expansion bombs), no external DTD or schema access, no
 * XInclude, secure processing on. Uses the JDK's own parser, never one found
 * on the classpath, so these settings are known to be understood.
 */
final class HardenedXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    /** A CAP alert nests six deep; anything far deeper is not CAP. */
    private static final String DEPTH_LIMIT = "64";

    private final DocumentBuilderFactory factory;

    HardenedXml() {
        factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refused a security feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(MAX_ELEMENT_DEPTH, DEPTH_LIMIT);
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
    }

    /**
     * @throws CapFormatException for anything the parser rejects, with its line and column
     */
    Document parse(InputSource source) throws CapFormatException {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(RAISE);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + CapText.quote(systemId) + " refused");
            });
            return builder.parse(source);
        } catch (SAXParseException e) {
            throw new CapFormatException(CapFormatException.DOCUMENT,
                    "malformed or refused XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new CapFormatException(CapFormatException.DOCUMENT, "unreadable XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured", e);
        } catch (RuntimeException e) {
            // The parser throws unchecked exceptions for some broken input (e.g. bad encodings).
            throw new CapFormatException(CapFormatException.DOCUMENT, "unreadable XML: " + e, e);
        }
    }

    /** Turns every error into an exception instead of the default printing to stderr. */
    private static final ErrorHandler RAISE = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unusable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
