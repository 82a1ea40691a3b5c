package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.Timestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one CAP 1.2 alert (CMA weather warning) into a {@link CapAlert}.
 * Input is untrusted: it is size-capped and parsed by {@link HardenedXml};
 * every problem surfaces as a {@link CapFormatException} naming the element
 * path and the reason. Unknown elements are passed over; unknown values of the
 * fields emcc maps are refused. Thread-safe.
 */
public final class CapReader {

    /** The largest document accepted: 512 KiB for bytes, 512 Ki characters for a string. */
    public static final int MAX_INPUT = 512 * 1024;

    private final HardenedXml xml = new HardenedXml();

    public CapReader() {
    }

    public CapAlert read(String document) throws CapFormatException {
        if (document.length() > MAX_INPUT) {
            throw tooLarge(document.length(), "characters");
        }
        return map(xml.parse(new InputSource(new StringReader(document))));
    }

    /** Reads bytes in the encoding the XML declaration names (UTF-8 when it names none). */
    public CapAlert read(byte[] document) throws CapFormatException {
        if (document.length > MAX_INPUT) {
            throw tooLarge(document.length, "bytes");
        }
        return map(xml.parse(new InputSource(new ByteArrayInputStream(document))));
    }

    private static CapFormatException tooLarge(int size, String unit) {
        return new CapFormatException(CapFormatException.DOCUMENT,
                "input is " + size + " " + unit + ", more than the limit of " + MAX_INPUT);
    }

    private CapAlert map(Document document) throws CapFormatException {
        Element root = document.getDocumentElement();
        if (!"alert".equals(root.getLocalName()) || !CapProfile.NAMESPACE.equals(root.getNamespaceURI())) {
            throw new CapFormatException(root.getNodeName(), "root element is {" + root.getNamespaceURI() + "}"
                    + root.getLocalName() + "; expected {" + CapProfile.NAMESPACE + "}alert");
        }
        CapElement alert = new CapElement(root, "alert");
        WeatherWarning.Builder warning = WeatherWarning.newBuilder();

        warning.setIdentifier(capToken(alert, "identifier"));
        String capSender = capToken(alert, "sender");
        warning.setIssuedAt(time(alert, "sent", alert.requiredText("sent")));
        MessageStatus status = code(alert, "status", CapCodes.STATUS, alert.requiredText("status"));
        WarningMsgType msgType = code(alert, "msgType", CapCodes.MSG_TYPE, alert.requiredText("msgType"));
        warning.setMsgType(msgType);
        Optional<String> scope = alert.text("scope");
        if (scope.isPresent() && !CapProfile.SCOPE.equals(scope.get())) {
            // A warning has no place for restriction or addresses; taking it in would re-publish it as Public.
            throw alert.error("scope", CapText.quote(scope.get()) + " is not accepted; emcc takes only Public alerts");
        }
        Optional<String> references = alert.text("references");
        if (references.isPresent()) {
            readReferences(alert, references.get(), warning);
        }

        readInfo(chooseInfo(alert), warning);
        return new CapAlert(warning.build(), status, capSender);
    }

    private static String capToken(CapElement parent, String name) throws CapFormatException {
        String value = parent.requiredText(name);
        if (!CapProfile.CAP_TOKEN.matcher(value).matches()) {
            throw parent.error(name, CapText.quote(value) + " contains whitespace, ',', '<' or '&', which CAP forbids here");
        }
        return value;
    }

    /** "sender,identifier,sent" triples separated by whitespace. */
    private static void readReferences(CapElement alert, String text, WeatherWarning.Builder warning) throws CapFormatException {
        for (String triple : text.split("\\s+")) {
            String[] parts = triple.split(",", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw alert.error("references", CapText.quote(triple) + " is not a 'sender,identifier,sent' triple");
            }
            WarningReference reference = WarningReference.newBuilder()
                    .setSender(parts[0])
                    .setIdentifier(parts[1])
                    .setSent(time(alert, "references", parts[2]))
                    .build();
            warning.addReferences(reference.getIdentifier());
            warning.addReferenceDetails(reference);
        }
    }

    /** The first Chinese info block, else the first: a WeatherWarning holds one. */
    private static CapElement chooseInfo(CapElement alert) throws CapFormatException {
        List<CapElement> infos = alert.all("info");
        if (infos.isEmpty()) {
            throw alert.error("info", "is missing; a weather warning needs one info block");
        }
        CapElement chosen = infos.get(0);
        for (CapElement info : infos) {
            String language = info.text("language").orElse(CapProfile.DEFAULT_LANGUAGE);
            if (language.toLowerCase(Locale.ROOT).startsWith("zh")) {
                chosen = info;
                break;
            }
        }
        return infos.size() == 1 ? chosen.withPath("alert/info") : chosen;
    }

    private static void readInfo(CapElement info, WeatherWarning.Builder warning) throws CapFormatException {
        warning.setLanguage(info.text("language").orElse(CapProfile.DEFAULT_LANGUAGE));

        String event = info.requiredText("event");
        CmaHazards.Signal signal;
        try {
            signal = CmaHazards.parseEvent(event);
        } catch (IllegalArgumentException e) {
            throw info.error("event", e.getMessage());
        }
        warning.setHazard(signal.hazard()).setColour(signal.colour());
        checkSignalCodes(info, signal);

        warning.setUrgency(code(info, "urgency", CapCodes.URGENCY, info.requiredText("urgency")));
        warning.setSeverity(severity(info, signal));
        warning.setCertainty(code(info, "certainty", CapCodes.CERTAINTY, info.requiredText("certainty")));

        // CAP's onset is when the hazard begins; feeds that give only effective mean the same.
        Optional<String> onset = info.text("onset");
        if (onset.isPresent()) {
            warning.setOnset(time(info, "onset", onset.get()));
        } else {
            Optional<String> effective = info.text("effective");
            if (effective.isPresent()) {
                warning.setOnset(time(info, "effective", effective.get()));
            }
        }
        Optional<String> expires = info.text("expires");
        if (expires.isPresent()) {
            warning.setExpires(time(info, "expires", expires.get()));
        }
        info.text("senderName").ifPresent(warning::setIssuer);
        info.text("headline").ifPresent(warning::setHeadline);
        info.text("description").ifPresent(warning::setDescription);
        info.text("instruction").ifPresent(warning::setInstruction);

        for (CapElement area : info.all("area")) {
            warning.addAreas(readArea(area));
        }
    }

    /** A CMA-SIGNAL eventCode is optional, but when present it must name the same signal as the event. */
    private static void checkSignalCodes(CapElement info, CmaHazards.Signal signal) throws CapFormatException {
        for (CapElement eventCode : info.all("eventCode")) {
            if (!CapProfile.EVENT_CODE_SIGNAL.equals(eventCode.text("valueName").orElse(""))) {
                continue;
            }
            String value = eventCode.requiredText("value");
            CmaHazards.Signal coded;
            try {
                coded = CmaHazards.parseSignalCode(value);
            } catch (IllegalArgumentException e) {
                throw eventCode.error("value", e.getMessage());
            }
            if (!coded.equals(signal)) {
                throw eventCode.error("value", "signal code " + value + " names " + CmaHazards.eventText(coded.hazard(), coded.colour())
                        + " but event names " + CmaHazards.eventText(signal.hazard(), signal.colour()));
            }
        }
    }

    private static Severity severity(CapElement info, CmaHazards.Signal signal) throws CapFormatException {
        String token = info.requiredText("severity");
        Optional<Severity> severity = CapCodes.SEVERITY.value(token);
        if (severity.isPresent()) {
            return severity.get();
        }
        Optional<WarningColour> colour = CapCodes.PROFILE_SEVERITY_COLOUR.value(token);
        if (colour.isEmpty()) {
            throw info.error("severity", CapText.quote(token) + " is not a CAP severity; expected one of " + CapCodes.SEVERITY.tokens()
                    + " (or a GB/T 35965.1 colour: " + CapCodes.PROFILE_SEVERITY_COLOUR.tokens() + ")");
        }
        if (colour.get() != signal.colour()) {
            throw info.error("severity", "colour " + CapText.quote(token) + " contradicts the event's colour "
                    + CmaHazards.colourName(signal.colour()));
        }
        return CapCodes.severityOfColour(colour.get());
    }

    private static WarningArea readArea(CapElement area) throws CapFormatException {
        WarningArea.Builder result = WarningArea.newBuilder();
        area.text("areaDesc").ifPresent(result::setDescription);
        for (CapElement polygon : area.all("polygon")) {
            try {
                result.addPolygons(CapGeometry.parsePolygon(polygon.ownText()));
            } catch (IllegalArgumentException e) {
                throw polygon.error(null, e.getMessage());
            }
        }
        for (CapElement circle : area.all("circle")) {
            try {
                result.addCircles(CapGeometry.parseCircle(circle.ownText()));
            } catch (IllegalArgumentException e) {
                throw circle.error(null, e.getMessage());
            }
        }
        for (CapElement geocode : area.all("geocode")) {
            // Other code systems may sit beside GB/T 2260; emcc keeps only the codes it can place.
            if (!CapProfile.GEOCODE_ADCODE.equals(geocode.text("valueName").orElse(""))) {
                continue;
            }
            String adcode = geocode.requiredText("value");
            if (!CapProfile.ADCODE.matcher(adcode).matches()) {
                throw geocode.error("value", CapText.quote(adcode) + " is not a six-digit GB/T 2260 code");
            }
            result.addAdcodes(adcode);
        }
        if (result.getPolygonsCount() == 0 && result.getCirclesCount() == 0 && result.getAdcodesCount() == 0) {
            throw area.error(null, "has no polygon, circle or " + CapText.quote(CapProfile.GEOCODE_ADCODE) + " geocode; expected at least one");
        }
        return result.build();
    }

    private static Timestamp time(CapElement parent, String name, String text) throws CapFormatException {
        try {
            return CapTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw parent.error(name, e.getMessage());
        }
    }

    private static <T> T code(CapElement parent, String name, CapCodes.Vocabulary<T> vocabulary, String token)
            throws CapFormatException {
        return vocabulary.value(token).orElseThrow(() -> parent.error(name,
                CapText.quote(token) + " is not supported; expected one of " + vocabulary.tokens()));
    }
}
