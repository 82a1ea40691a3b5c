package cn.emcc.protocols.cap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Hostile and broken input: every case ends in a CapFormatException that says where and why. */
class CapReaderRejectsTest {

    private final CapReader reader = new CapReader();
    private final String valid = CapSamples.text(CapSamples.JINAN_RED);

    private CapFormatException rejection(String xml) {
        CapFormatException e = catchThrowableOfType(() -> reader.read(xml), CapFormatException.class);
        assertThat(e).as("expected a CapFormatException for:%n%s", xml).isNotNull();
        return e;
    }

    /** The valid Jinan sample with one piece of text replaced (which must be there). */
    private String jinanWith(String from, String to) {
        assertThat(valid).contains(from);
        return valid.replace(from, to);
    }

    @Test
    void malformedXml() {
        CapFormatException e = rejection(valid.replace("</info>", ""));
        assertThat(e.path()).isEqualTo(CapFormatException.DOCUMENT);
        assertThat(e.reason()).contains("line");
    }

    @Test
    void notXmlAtAll() {
        CapFormatException e = rejection("暴雨红色预警");
        assertThat(e.path()).isEqualTo(CapFormatException.DOCUMENT);
    }

    @Test
    void nonCapRoot() {
        CapFormatException e = rejection("<rss version=\"2.0\"><channel/></rss>");
        assertThat(e.path()).isEqualTo("rss");
        assertThat(e.reason()).contains("expected {urn:oasis:names:tc:emergency:cap:1.2}alert");
    }

    @Test
    void capRootInTheWrongNamespace() {
        CapFormatException e = rejection(valid.replace("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1"));
        assertThat(e.reason()).contains("cap:1.1").contains("expected {urn:oasis:names:tc:emergency:cap:1.2}alert");
    }

    @Test
    void alertWithoutNamespace() {
        CapFormatException e = rejection(valid.replace(" xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"", ""));
        assertThat(e.path()).isEqualTo("alert");
        assertThat(e.reason()).contains("{null}alert");
    }

    @Test
    void externalEntityNeverReadsTheFile(@TempDir Path dir) throws Exception {
        String secret = "SECRET-" + System.nanoTime();
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, secret);
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>\n"
                + valid.substring(valid.indexOf("<alert")).replace("37010041600000_20260712083000", "&xxe;");

        CapFormatException fromString = rejection(xxe);
        CapFormatException fromBytes = catchThrowableOfType(
                () -> reader.read(xxe.getBytes(StandardCharsets.UTF_8)), CapFormatException.class);

        for (CapFormatException e : new CapFormatException[] {fromString, fromBytes}) {
            assertThat(e).isNotNull();
            assertThat(e.path()).isEqualTo(CapFormatException.DOCUMENT);
            assertThat(e.reason()).contains("DOCTYPE");
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(String.valueOf(e.getCause())).doesNotContain(secret);
        }
    }

    @Test
    void externalParameterEntityIsRefused(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY leak \"SECRET-DTD\">");
        String xml = "<!DOCTYPE alert [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]>"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&leak;</identifier></alert>";

        CapFormatException e = rejection(xml);
        assertThat(e.reason()).contains("DOCTYPE").doesNotContain("SECRET-DTD");
    }

    @Test
    void billionLaughs() {
        StringBuilder doctype = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [\n<!ENTITY lol \"lol\">\n");
        doctype.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            String prev = "&lol" + (i - 1) + ";";
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">\n");
        }
        doctype.append("]>\n");
        String bomb = doctype + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>";

        CapFormatException e = rejection(bomb);
        assertThat(e.path()).isEqualTo(CapFormatException.DOCUMENT);
        assertThat(e.reason()).contains("DOCTYPE");
    }

    @Test
    void oversizeInputIsRefusedBeforeParsing() {
        String padding = "<!--" + "x".repeat(CapReader.MAX_INPUT) + "-->";
        String big = valid.replace("<scope>", padding + "<scope>");

        CapFormatException asString = rejection(big);
        CapFormatException asBytes = catchThrowableOfType(
                () -> reader.read(big.getBytes(StandardCharsets.UTF_8)), CapFormatException.class);

        assertThat(asString.reason()).contains("more than the limit of 524288");
        assertThat(asBytes).isNotNull();
        assertThat(asBytes.reason()).contains("bytes").contains("more than the limit of 524288");
    }

    @Test
    void deeplyNestedElementsAreRefused() {
        String deep = "<x>".repeat(200) + "</x>".repeat(200);
        String xml = valid.replace("<scope>", "<extra xmlns=\"urn:example\">" + deep + "</extra><scope>");

        CapFormatException e = rejection(xml);
        assertThat(e.path()).isEqualTo(CapFormatException.DOCUMENT);
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({
            "<identifier>37010041600000_20260712083000</identifier>, alert/identifier",
            "<sender>37010041600000</sender>, alert/sender",
            "<sent>2026-07-12T08:30:00+08:00</sent>, alert/sent",
            "<status>Actual</status>, alert/status",
            "<msgType>Alert</msgType>, alert/msgType",
            "<event>暴雨红色预警</event>, alert/info/event",
            "<urgency>Immediate</urgency>, alert/info/urgency",
    })
    void missingRequiredElement(String element, String path) {
        CapFormatException e = rejection(jinanWith(element, ""));
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.reason()).contains("missing");
    }

    @Test
    void missingInfo() {
        String xml = valid.substring(0, valid.indexOf("<info>")) + "</alert>";
        CapFormatException e = rejection(xml);
        assertThat(e.path()).isEqualTo("alert/info");
        assertThat(e.reason()).contains("missing");
    }

    @Test
    void emptyIdentifier() {
        CapFormatException e = rejection(jinanWith("<identifier>37010041600000_20260712083000</identifier>", "<identifier>  </identifier>"));
        assertThat(e.path()).isEqualTo("alert/identifier");
    }

    @Test
    void duplicatedIdentifier() {
        CapFormatException e = rejection(jinanWith("<sender>", "<identifier>other</identifier><sender>"));
        assertThat(e.path()).isEqualTo("alert/identifier");
        assertThat(e.reason()).contains("appears 2 times");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not closed        | 36.75,116.85 36.75,117.25 36.55,117.25 36.55,116.85 | not closed",
            "too few points    | 36.75,116.85 36.75,117.25 36.75,116.85               | 3 points",
            "longitude first   | 116.85,36.75 117.25,36.75 117.25,36.55 116.85,36.55 116.85,36.75 | latitude 116.85 is outside",
            "not a number      | 36.75,116.85 36.75,abc 36.55,117.25 36.75,116.85    | longitude 'abc'",
            "semicolons        | 36.75;116.85 36.75;117.25 36.55;117.25 36.75;116.85 | is not 'lat,lon'",
            "exponent          | 36.75,116.85 36.75,1.1725e2 36.55,117.25 36.75,116.85 | not a decimal number",
    })
    void badPolygon(String what, String polygon, String expectedReason) {
        CapFormatException e = rejection(jinanWith(
                "<polygon>36.75,116.85 36.75,117.25 36.55,117.25 36.55,116.85 36.75,116.85</polygon>",
                "<polygon>" + polygon + "</polygon>"));
        assertThat(e.path()).isEqualTo("alert/info/area[0]/polygon[0]");
        assertThat(e.reason()).contains(expectedReason);
    }

    @Test
    void secondBadPolygonIsNamedByItsIndex() {
        String good = "<polygon>36.75,116.85 36.75,117.25 36.55,117.25 36.55,116.85 36.75,116.85</polygon>";
        CapFormatException e = rejection(jinanWith(good, good + "<polygon>1,2 3,4</polygon>"));
        assertThat(e.path()).isEqualTo("alert/info/area[0]/polygon[1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "35.8,120.9          | not 'lat,lon radius_km'",
            "35.8,120.9 0        | out of range",
            "35.8,120.9 5000     | out of range",
            "95.8,120.9 10       | latitude 95.8",
    })
    void badCircle(String circle, String expectedReason) {
        String qingdao = CapSamples.text(CapSamples.QINGDAO_TYPHOON);
        CapFormatException e = rejection(qingdao.replace("<circle>35.8,120.9 120</circle>", "<circle>" + circle + "</circle>"));
        assertThat(e.path()).isEqualTo("alert/info/area[0]/circle[0]");
        assertThat(e.reason()).contains(expectedReason);
    }

    @Test
    void areaWithNothingToPlace() {
        CapFormatException e = rejection(CapSamples.text(CapSamples.JINAN_CANCEL).replace("<valueName>GB/T 2260</valueName>", "<valueName>FIPS</valueName>"));
        assertThat(e.path()).isEqualTo("alert/info/area[0]");
        assertThat(e.reason()).contains("no polygon, circle");
    }

    @Test
    void adcodeThatIsNotSixDigits() {
        CapFormatException e = rejection(jinanWith("<value>370100</value>", "<value>3701</value>"));
        assertThat(e.path()).isEqualTo("alert/info/area[0]/geocode[0]/value");
        assertThat(e.reason()).contains("'3701'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<sent>2026-07-12T08:30:00+08:00</sent>   | <sent>2026-07-12 08:30</sent>          | alert/sent",
            "<sent>2026-07-12T08:30:00+08:00</sent>   | <sent>2026-07-12T08:30:00</sent>       | alert/sent",
            "<onset>2026-07-12T08:30:00+08:00</onset> | <onset>昨天</onset>                     | alert/info/onset",
            "<expires>2026-07-13T08:30:00+08:00</expires> | <expires>2026-13-13T08:30:00+08:00</expires> | alert/info/expires",
    })
    void badTimes(String from, String to, String path) {
        CapFormatException e = rejection(jinanWith(from, to));
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.reason()).contains("ISO 8601");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<status>Actual</status>         | <status>System</status>         | alert/status      | Actual, Exercise, Test",
            "<status>Actual</status>         | <status>actual</status>         | alert/status      | 'actual'",
            "<msgType>Alert</msgType>        | <msgType>Ack</msgType>          | alert/msgType     | Alert, Cancel, Update",
            "<scope>Public</scope>           | <scope>Everyone</scope>         | alert/scope       | 'Everyone'",
            "<scope>Public</scope>           | <scope>Restricted</scope>       | alert/scope       | only Public",
            "<urgency>Immediate</urgency>    | <urgency>Now</urgency>          | alert/info/urgency   | 'Now'",
            "<severity>Extreme</severity>    | <severity>Purple</severity>     | alert/info/severity  | 'Purple'",
            "<severity>Extreme</severity>    | <severity>Blue</severity>       | alert/info/severity  | contradicts",
            "<certainty>Likely</certainty>   | <certainty>Sure</certainty>     | alert/info/certainty | 'Sure'",
    })
    void unknownEnumValues(String from, String to, String path, String expectedReason) {
        CapFormatException e = rejection(jinanWith(from, to));
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.reason()).contains(expectedReason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<event>暴风红色预警</event>     | unknown hazard '暴风'",
            "<event>暴雨紫色预警</event>     | unknown colour '紫色'",
            "<event>暴雨红色警报</event>     | does not end in 预警",
            "<event>Rainstorm Red</event>   | does not end in 预警",
    })
    void unknownHazardOrColour(String event, String expectedReason) {
        CapFormatException e = rejection(jinanWith("<event>暴雨红色预警</event>", event));
        assertThat(e.path()).isEqualTo("alert/info/event");
        assertThat(e.reason()).contains(expectedReason);
    }

    @Test
    void signalCodeThatContradictsTheEvent() {
        CapFormatException e = rejection(jinanWith("<value>0204</value>", "<value>0203</value>"));
        assertThat(e.path()).isEqualTo("alert/info/eventCode[0]/value");
        assertThat(e.reason()).contains("暴雨橙色预警").contains("暴雨红色预警");
    }

    @Test
    void badReferenceTriple() {
        String update = CapSamples.text(CapSamples.JINAN_UPDATE);
        CapFormatException e = rejection(update.replace(",2026-07-12T08:30:00+08:00</references>", "</references>"));
        assertThat(e.path()).isEqualTo("alert/references");
        assertThat(e.reason()).contains("'sender,identifier,sent'");
    }

    @Test
    void referenceWithABadTime() {
        String update = CapSamples.text(CapSamples.JINAN_UPDATE);
        CapFormatException e = rejection(update.replace(",2026-07-12T08:30:00+08:00</references>", ",yesterday</references>"));
        assertThat(e.path()).isEqualTo("alert/references");
        assertThat(e.reason()).contains("'yesterday'");
    }

    @Test
    void neverLetsAParserExceptionEscape() {
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1};
        assertThatThrownBy(() -> reader.read(notUtf8)).isInstanceOf(CapFormatException.class);
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(CapFormatException.class);
        assertThatThrownBy(() -> reader.read("")).isInstanceOf(CapFormatException.class);
        assertThatThrownBy(() -> reader.read("<?xml version=\"1.0\" encoding=\"NO-SUCH-CHARSET\"?><a/>".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CapFormatException.class);
    }
}
