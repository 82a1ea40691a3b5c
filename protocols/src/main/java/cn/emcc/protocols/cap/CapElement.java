package cn.emcc.protocols.cap;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CAP element while reading, with its path for error messages. Looks only at
 * child elements in the CAP 1.2 namespace; anything else (profile extensions,
 * other namespaces) is passed over.
 */
final class CapElement {

    static final String CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    private final Element element;
    private final String path;

    CapElement(Element element, String path) {
        this.element = element;
        this.path = path;
    }

    /** The same element under another path, e.g. {@code alert/info} when there is only one. */
    CapElement withPath(String newPath) {
        return new CapElement(element, newPath);
    }

    String path() {
        return path;
    }

    /** Child elements of this name, each with an indexed path such as {@code area[2]}. */
    List<CapElement> all(String name) {
        List<Element> found = children(name);
        List<CapElement> result = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            result.add(new CapElement(found.get(i), path + "/" + name + "[" + i + "]"));
        }
        return result;
    }

    /** The trimmed text of an element that may appear at most once; empty when absent or blank. */
    Optional<String> text(String name) throws CapFormatException {
        List<Element> found = children(name);
        if (found.size() > 1) {
            throw new CapFormatException(path + "/" + name, "appears " + found.size() + " times; expected at most once");
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String text = found.get(0).getTextContent().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredText(String name) throws CapFormatException {
        return text(name).orElseThrow(() -> new CapFormatException(path + "/" + name, "is missing or empty; CAP 1.2 requires it"));
    }

    /** This element's own trimmed text. */
    String ownText() {
        return element.getTextContent().strip();
    }

    CapFormatException error(String child, String reason) {
        return new CapFormatException(child == null ? path : path + "/" + child, reason);
    }

    private List<Element> children(String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && CAP_NAMESPACE.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
