package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.emcc.protocols.cap.CapSamples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapWriterTest {

    private final CapWriter writer = new CapWriter();

    private static WeatherWarning.Builder minimal() {
        return WeatherWarning.newBuilder()
                .setIdentifier("37010041600000_20260712083000")
                .setIssuedAt(at("2026-07-12T00:30:00Z"))
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT)
                .setHazard(Hazard.HAZARD_RAINSTORM)
                .setColour(WarningColour.WARNING_COLOUR_RED);
    }

    private String write(WeatherWarning.Builder warning) {
        return writer.write(new CapAlert(warning.build(), MessageStatus.MESSAGE_STATUS_ACTUAL, "37010041600000"));
    }

    @Test
    void writesTimesInBeijingTimeToWholeSeconds() {
        String xml = write(minimal().setExpires(Timestamp.newBuilder().setSeconds(1_783_816_200L).setNanos(999_000_000)));

        assertThat(xml).contains("<sent>2026-07-12T08:30:00+08:00</sent>");
        assertThat(xml).contains("<expires>2026-07-12T08:30:00+08:00</expires>");
    }

    @Test
    void writesPointsLatitudeFirst() {
        GeoPoint a = GeoPoint.newBuilder().setLongitude(117.0).setLatitude(36.5).build();
        GeoPoint b = GeoPoint.newBuilder().setLongitude(117.25).setLatitude(36.5).build();
        GeoPoint c = GeoPoint.newBuilder().setLongitude(117.25).setLatitude(36.75).build();
        String xml = write(minimal().addAreas(WarningArea.newBuilder()
                .addPolygons(Polygon.newBuilder().addRing(a).addRing(b).addRing(c).addRing(a))
                .addCircles(Circle.newBuilder().setCenter(c).setRadiusKm(0.0001))));

        assertThat(xml).contains("<polygon>36.5,117 36.5,117.25 36.75,117.25 36.5,117</polygon>");
        // Plain decimals, never 1.0E-4.
        assertThat(xml).contains("<circle>36.75,117.25 0.0001</circle>");
    }

    @Test
    void writesElementsInCapSchemaOrder() {
        String xml = write(minimal()
                .setIssuer("济南市气象台").setHeadline("h").setDescription("d").setInstruction("i")
                .setOnset(at("2026-07-12T08:30:00+08:00")).setExpires(at("2026-07-13T08:30:00+08:00"))
                .addAreas(WarningArea.newBuilder().setDescription("济南").addAdcodes("370100")));

        List<String> expectedOrder = List.of("identifier", "sender", "sent", "status", "msgType", "scope", "info",
                "language", "category", "event", "urgency", "severity", "certainty", "eventCode", "onset", "expires",
                "senderName", "headline", "description", "instruction", "area", "areaDesc", "geocode");
        Matcher m = Pattern.compile("<([a-zA-Z]+)[ >]").matcher(xml);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (expectedOrder.contains(m.group(1)) && !seen.contains(m.group(1))) {
                seen.add(m.group(1));
            }
        }
        assertThat(seen).containsExactlyElementsOf(expectedOrder);
    }

    @Test
    void refusesReferencesWithoutTheirSenderAndSentTime() {
        assertThatThrownBy(() -> write(minimal()
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_UPDATE)
                .addReferences("37010041600000_20260712083000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference_details");
    }

    @Test
    void refusesWhatCapCannotCarry() {
        assertThatThrownBy(() -> write(minimal().setIdentifier("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier");
        assertThatThrownBy(() -> write(minimal().setIdentifier("a,b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifier 'a,b'");
        assertThatThrownBy(() -> write(minimal().clearIssuedAt()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issued_at");
        assertThatThrownBy(() -> write(minimal().setHazard(Hazard.HAZARD_UNSPECIFIED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HAZARD_UNSPECIFIED");
        assertThatThrownBy(() -> write(minimal().setMsgType(WarningMsgType.WARNING_MSG_TYPE_UNSPECIFIED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msg_type");
        assertThatThrownBy(() -> write(minimal().setDescription("bell \u0007")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description").hasMessageContaining("U+0007");
        assertThatThrownBy(() -> writer.write(new CapAlert(minimal().build(), MessageStatus.MESSAGE_STATUS_UNSPECIFIED, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
    }

    @Test
    void keepsCarriageReturnsThroughXmlLineEndingNormalisation() throws Exception {
        WeatherWarning warning = minimal().setDescription("第一行\r\n第二行").build();
        String xml = writer.write(new CapAlert(warning, MessageStatus.MESSAGE_STATUS_ACTUAL, "s"));

        assertThat(new CapReader().read(xml).warning().getDescription()).isEqualTo("第一行\r\n第二行");
    }
}
