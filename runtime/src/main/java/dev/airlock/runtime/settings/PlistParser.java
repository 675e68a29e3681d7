package dev.airlock.runtime.settings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an XML property list into a JSON tree: dict → object, array → array, string → string,
 * integer → number, real → number, true/false → boolean; date and data become strings, which no
 * setting accepts except as text. Apple's DOCTYPE is never fetched.
 */
final class PlistParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlistParser() {}

    /**
     * @throws PlistException when the bytes are not an XML property list with a dict at the top
     */
    static ObjectNode parse(byte[] xml) throws PlistException {
        Element plist = document(xml);
        if (!plist.getTagName().equals("plist")) {
            throw new PlistException("the top element is <" + plist.getTagName() + ">, not <plist>");
        }
        List<Element> children = elements(plist);
        if (children.size() != 1 || !children.getFirst().getTagName().equals("dict")) {
            throw new PlistException("the property list does not hold one <dict>");
        }
        return (ObjectNode) value(children.getFirst());
    }

    private static Element document(byte[] xml) throws PlistException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // plists carry a DOCTYPE naming Apple's DTD: keep it, but never load it or any entity
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // errors arrive as exceptions, not also on stderr
            return builder.parse(new InputSource(new ByteArrayInputStream(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new PlistException("it is not a readable XML property list (" + e.getMessage() + ")");
        }
    }

    private static JsonNode value(Element element) throws PlistException {
        return switch (element.getTagName()) {
            case "dict" -> dict(element);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (Element item : elements(element)) {
                    array.add(value(item));
                }
                yield array;
            }
            case "string", "date", "data" -> NODES.stringNode(element.getTextContent());
            case "integer" -> integer(element.getTextContent().strip());
            case "real" -> {
                try {
                    yield NODES.numberNode(
                            Double.parseDouble(element.getTextContent().strip()));
                } catch (NumberFormatException e) {
                    throw new PlistException("<real> holds something that is not a number");
                }
            }
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            default -> throw new PlistException("<" + element.getTagName() + "> is not a property list element");
        };
    }

    private static ObjectNode dict(Element dict) throws PlistException {
        ObjectNode object = NODES.objectNode();
        List<Element> children = elements(dict);
        if (children.size() % 2 != 0) {
            throw new PlistException("a <dict> has a <key> without a value");
        }
        for (int i = 0; i < children.size(); i += 2) {
            Element key = children.get(i);
            if (!key.getTagName().equals("key")) {
                throw new PlistException("a <dict> has <" + key.getTagName() + "> where a <key> belongs");
            }
            object.set(key.getTextContent().strip(), value(children.get(i + 1)));
        }
        return object;
    }

    private static JsonNode integer(String text) throws PlistException {
        try {
            return NODES.numberNode(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new PlistException("<integer> holds something that is not a whole number");
        }
    }

    private static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** Why the property list cannot be read; completes "… because ". */
    static final class PlistException extends Exception {
        PlistException(String message) {
            super(message);
        }
    }
}
