package cn.emcc.protocols.fuzz;

import cn.emcc.protocols.cap.CapAlert;
import cn.emcc.protocols.cap.CapFormatException;
import cn.emcc.protocols.cap.CapReader;
import cn.emcc.protocols.cap.CapWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CAP 1.2 reader against hostile XML: the sample alerts with elements
 * removed, repeated or filled with wrong values, cut short, wrapped in entity
 * tricks, and raw bytes. It answers an alert (which then writes and reads back
 * to itself) or a CapFormatException naming the element and the reason;
 * nothing else escapes, and it never hangs.
 */
class CapReaderFuzzTest {

    private static final List<String> SAMPLES = List.of("jinan-rainstorm-red.xml", "qingdao-typhoon-orange.xml",
            "jinan-rainstorm-update.xml", "jinan-rainstorm-cancel.xml", "taian-road-icing-yellow.xml",
            "liaocheng-heavy-fog-orange.xml");

    private static final List<String> HOSTILE_TEXT = List.of("", " ", "NaN", "Infinity", "-1", "1e999",
            "99999999999999999999", "2026-13-45T25:61:61+08:00", "0000-00-00T00:00:00Z", "91,181 -91,-181",
            "36.6,117.0 36.7,117.1", "36.6,117.0 0", "Unknown", "Actual Exercise", "&lt;b&gt;", "x".repeat(70_000),
            "名".repeat(5_000), "\u0001\u0002", "urn:oid:2.49.0.1.156.0.2026.7.12.8.30.1", "370000,370100");

    private static final List<String> ENTITY_TRICKS = List.of(
            "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE alert [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
            "<!DOCTYPE alert SYSTEM \"http://127.0.0.1:1/cap.dtd\">",
            "<?xml-stylesheet href=\"http://127.0.0.1:1/x.xsl\"?>");

    private final CapReader reader = new CapReader();
    private final CapWriter writer = new CapWriter();

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(SAMPLES).map(CapReaderFuzzTest::sample);
    }

    @Property
    void everySampleRoundTrips(@ForAll("samples") String xml) throws Exception {
        CapAlert alert = reader.read(xml);
        assertThat(reader.read(writer.write(alert))).isEqualTo(alert);
    }

    @Property
    void mutatedElementsAreAnsweredNotThrown(@ForAll("samples") String xml, @ForAll long seed,
                                             @ForAll @IntRange(min = 1, max = 3) int mutations) {
        Random random = new Random(seed);
        Document doc = parse(xml);
        for (int i = 0; i < mutations; i++) {
            mutate(doc, random);
        }
        check(serialize(doc).getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void cutAndEntityTricksAreAnsweredNotThrown(@ForAll("samples") String xml, @ForAll long seed) {
        Random random = new Random(seed);
        String doc = switch (random.nextInt(3)) {
            case 0 -> xml.substring(0, random.nextInt(xml.length()));
            case 1 -> {
                String trick = ENTITY_TRICKS.get(random.nextInt(ENTITY_TRICKS.size()));
                int rootAt = xml.indexOf("<alert");
                String withTrick = xml.substring(0, rootAt) + trick + xml.substring(rootAt);
                yield withTrick.replaceFirst("<headline>", "<headline>" + (random.nextBoolean() ? "&xxe;" : "&d;"));
            }
            default -> {
                byte[] b = xml.getBytes(StandardCharsets.UTF_8);
                yield new String(ProtoMutations.corrupt(b, random), StandardCharsets.ISO_8859_1);
            }
        };
        check(doc.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void rawBytesAreAnsweredNotThrown(@ForAll @Size(max = 2048) byte[] bytes) {
        check(bytes);
    }

    private void check(byte[] document) {
        Object answer = Bounded.call("CapReader.read", () -> {
            try {
                return reader.read(document);
            } catch (CapFormatException e) {
                return e;
            }
        });
        if (answer instanceof CapFormatException refused) {
            assertThat(refused.path()).as("the element of %s", refused.getMessage()).isNotBlank();
            assertThat(refused.reason()).isNotBlank().hasSizeLessThanOrEqualTo(RejectionShape.MAX_REASON_CHARS);
            return;
        }
        CapAlert alert = (CapAlert) answer;
        String written = writer.write(alert);
        try {
            assertThat(reader.read(written)).as("an accepted alert reads back from what emcc writes").isEqualTo(alert);
        } catch (CapFormatException e) {
            throw new AssertionError("emcc wrote an alert it cannot read back: " + e.getMessage() + "\n" + written, e);
        }
    }

    private static void mutate(Document doc, Random random) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        Element e = (Element) all.item(random.nextInt(all.getLength()));
        if (e == doc.getDocumentElement()) {
            e.appendChild(doc.createElementNS(e.getNamespaceURI(), "unexpected")).setTextContent("x");
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> e.getParentNode().removeChild(e);
            case 1 -> {
                int copies = 1 + random.nextInt(random.nextBoolean() ? 3 : 300);
                for (int i = 0; i < copies; i++) {
                    e.getParentNode().insertBefore(e.cloneNode(true), e);
                }
            }
            case 2 -> {
                if (e.getElementsByTagNameNS("*", "*").getLength() == 0) {
                    e.setTextContent(HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
                } else {
                    e.setTextContent("");
                }
            }
            default -> {
                Element renamed = doc.createElementNS(random.nextBoolean() ? e.getNamespaceURI() : "urn:other", e.getLocalName() + "x");
                renamed.setTextContent(e.getTextContent());
                e.getParentNode().replaceChild(renamed, e);
            }
        }
    }

    private static String sample(String name) {
        try (InputStream in = CapReaderFuzzTest.class.getResourceAsStream("/cap/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("a sample alert does not parse", e);
        }
    }

    private static String serialize(Document doc) {
        try {
            StringWriter out = new StringWriter();
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("serializing a mutated alert", e);
        }
    }
}
