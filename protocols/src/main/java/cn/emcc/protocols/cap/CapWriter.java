package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link CapAlert} as a CAP 1.2 document (UTF-8, elements in the order
 * the CAP 1.2 schema requires, times in +08:00) that {@link CapReader} reads
 * back to the same values. A warning that cannot be written as valid CAP (no
 * identifier, no hazard, references without their sender and sent, …) is
 * refused with an {@link IllegalArgumentException} naming the field.
 * Thread-safe.
 */
public final class CapWriter {

    public CapWriter() {
    }

    public String write(CapAlert alert) {
        WeatherWarning w = alert.warning();
        Xml xml = new Xml();
        xml.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.line("<alert xmlns=\"" + CapProfile.NAMESPACE + "\">");
        xml.indent();
        xml.element("identifier", capToken("identifier", w.getIdentifier()));
        xml.element("sender", capToken("capSender", alert.capSender()));
        xml.element("sent", CapTimes.format(required("issued_at", w.hasIssuedAt(), w.getIssuedAt())));
        xml.element("status", token("status", CapCodes.STATUS, alert.status(), MessageStatus.MESSAGE_STATUS_UNSPECIFIED));
        xml.element("msgType", token("msg_type", CapCodes.MSG_TYPE, w.getMsgType(), WarningMsgType.WARNING_MSG_TYPE_UNSPECIFIED));
        xml.element("scope", CapProfile.SCOPE);
        if (w.getReferencesCount() > 0 || w.getReferenceDetailsCount() > 0) {
            xml.element("references", references(w));
        }
        writeInfo(xml, w);
        xml.outdent();
        xml.line("</alert>");
        return xml.toString();
    }

    private static void writeInfo(Xml xml, WeatherWarning w) {
        xml.open("info");
        xml.element("language", w.getLanguage().isEmpty() ? CapProfile.DEFAULT_LANGUAGE : w.getLanguage());
        xml.element("category", CapProfile.CATEGORY);
        xml.element("event", CmaHazards.eventText(w.getHazard(), w.getColour()));
        xml.element("urgency", CapCodes.URGENCY.token(w.getUrgency()).orElse("Unknown"));
        xml.element("severity", CapCodes.SEVERITY.token(w.getSeverity()).orElse("Unknown"));
        xml.element("certainty", CapCodes.CERTAINTY.token(w.getCertainty()).orElse("Unknown"));
        xml.open("eventCode");
        xml.element("valueName", CapProfile.EVENT_CODE_SIGNAL);
        xml.element("value", CmaHazards.signalCode(w.getHazard(), w.getColour()));
        xml.close("eventCode");
        if (w.hasOnset()) {
            xml.element("onset", CapTimes.format(w.getOnset()));
        }
        if (w.hasExpires()) {
            xml.element("expires", CapTimes.format(w.getExpires()));
        }
        xml.optional("senderName", w.getIssuer());
        xml.optional("headline", w.getHeadline());
        xml.optional("description", w.getDescription());
        xml.optional("instruction", w.getInstruction());
        for (WarningArea area : w.getAreasList()) {
            writeArea(xml, area);
        }
        xml.close("info");
    }

    private static void writeArea(Xml xml, WarningArea area) {
        xml.open("area");
        xml.element("areaDesc", area.getDescription());
        for (Polygon polygon : area.getPolygonsList()) {
            xml.element("polygon", CapGeometry.formatPolygon(polygon));
        }
        for (Circle circle : area.getCirclesList()) {
            xml.element("circle", CapGeometry.formatCircle(circle));
        }
        for (String adcode : area.getAdcodesList()) {
            xml.open("geocode");
            xml.element("valueName", CapProfile.GEOCODE_ADCODE);
            xml.element("value", adcode);
            xml.close("geocode");
        }
        xml.close("area");
    }

    /** CAP needs the whole triple; reference_details carries it, references must list the same identifiers. */
    private static String references(WeatherWarning w) {
        List<String> identifiers = new ArrayList<>();
        List<String> triples = new ArrayList<>();
        for (WarningReference r : w.getReferenceDetailsList()) {
            identifiers.add(r.getIdentifier());
            triples.add(capToken("reference_details.sender", r.getSender()) + ","
                    + capToken("reference_details.identifier", r.getIdentifier()) + ","
                    + CapTimes.format(required("reference_details.sent", r.hasSent(), r.getSent())));
        }
        if (!identifiers.equals(w.getReferencesList())) {
            throw new IllegalArgumentException("references " + w.getReferencesList() + " do not match reference_details identifiers "
                    + identifiers + "; CAP needs sender, identifier and sent for every reference");
        }
        return String.join(" ", triples);
    }

    private static String capToken(String field, String value) {
        if (!CapProfile.CAP_TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " " + CapText.quote(value) + " must be non-empty without whitespace, ',', '<' or '&'");
        }
        return value;
    }

    private static <T> T required(String field, boolean present, T value) {
        if (!present) {
            throw new IllegalArgumentException(field + " is not set; CAP requires it");
        }
        return value;
    }

    private static <T> String token(String field, CapCodes.Vocabulary<T> vocabulary, T value, T unspecified) {
        if (value.equals(unspecified)) {
            throw new IllegalArgumentException(field + " is " + value + "; CAP requires one of " + vocabulary.tokens());
        }
        return vocabulary.token(value).orElseThrow(() ->
                new IllegalArgumentException(field + " " + value + " has no CAP value; expected one of " + vocabulary.tokens()));
    }

    /** Indented XML text with escaping; refuses characters XML 1.0 cannot carry. */
    private static final class Xml {
        private final StringBuilder out = new StringBuilder();
        private int depth;

        void line(String text) {
            out.append("  ".repeat(depth)).append(text).append('\n');
        }

        void indent() {
            depth++;
        }

        void outdent() {
            depth--;
        }

        void open(String name) {
            line("<" + name + ">");
            depth++;
        }

        void close(String name) {
            depth--;
            line("</" + name + ">");
        }

        void element(String name, String text) {
            line("<" + name + ">" + escape(name, text) + "</" + name + ">");
        }

        void optional(String name, String text) {
            if (!text.isEmpty()) {
                element(name, text);
            }
        }

        private static String escape(String name, String text) {
            StringBuilder escaped = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    // Kept as a reference: a parser turns a literal CR (or CRLF) into LF.
                    case '\r' -> escaped.append("&#13;");
                    default -> {
                        if (!isXmlChar(c)) {
                            throw new IllegalArgumentException(name + " contains U+" + String.format("%04X", c)
                                    + ", which XML 1.0 cannot carry");
                        }
                        escaped.appendCodePoint(c);
                    }
                }
            }
            return escaped.toString();
        }

        private static boolean isXmlChar(int c) {
            return c == 0x9 || c == 0xA || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
