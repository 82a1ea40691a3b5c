package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static cn.emcc.protocols.cap.CapSamples.at;
import static org.assertj.core.api.Assertions.assertThat;

class CapRoundTripTest {

    private final CapReader reader = new CapReader();
    private final CapWriter writer = new CapWriter();

    static Stream<String> samples() {
        return CapSamples.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleSurvivesCapToProtoToCapToProto(String sample) throws Exception {
        CapAlert first = reader.read(CapSamples.bytes(sample));
        String written = writer.write(first);
        CapAlert second = reader.read(written);

        assertThat(second).isEqualTo(first);
        // And what emcc writes is stable: writing the re-read alert gives the same text.
        assertThat(writer.write(second)).isEqualTo(written);
    }

    static Stream<Arguments> everySignal() {
        List<Arguments> all = new ArrayList<>();
        for (Hazard hazard : Hazard.values()) {
            if (hazard == Hazard.HAZARD_UNSPECIFIED || hazard == Hazard.UNRECOGNIZED) {
                continue;
            }
            for (WarningColour colour : WarningColour.values()) {
                if (colour == WarningColour.WARNING_COLOUR_UNSPECIFIED || colour == WarningColour.UNRECOGNIZED) {
                    continue;
                }
                all.add(Arguments.of(hazard, colour));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everySignal")
    void warningBuiltInCodeSurvivesProtoToCapToProto(Hazard hazard, WarningColour colour) throws Exception {
        // Vary the other fields with the signal so that every value of each enum is exercised somewhere.
        int n = hazard.getNumber() * 4 + colour.getNumber();
        WarningMsgType msgType = WarningMsgType.forNumber(1 + n % 3);
        WeatherWarning.Builder warning = WeatherWarning.newBuilder()
                .setIdentifier(String.format("3701%02d41600000_20260301%02d%02d00", hazard.getNumber(), n % 24, colour.getNumber()))
                .setIssuer("山东省气象台")
                .setIssuedAt(at("2026-03-01T09:15:30+08:00"))
                .setMsgType(msgType)
                .setHazard(hazard)
                .setColour(colour)
                .setOnset(at("2026-03-01T09:30:00+08:00"))
                .setExpires(at("2026-03-02T09:30:00Z"))
                .setHeadline("山东省气象台发布" + CmaHazards.eventText(hazard, colour) + "信号")
                .setDescription("第一行 & <说明>\n第二行 \"引号\" 'single'")
                .setInstruction(n % 2 == 0 ? "注意防范。" : "")
                .setUrgency(Urgency.forNumber(1 + n % 5))
                .setSeverity(Severity.forNumber(1 + n % 5))
                .setCertainty(Certainty.forNumber(1 + n % 5))
                .setLanguage("zh-CN")
                .addAreas(WarningArea.newBuilder()
                        .setDescription("济南市、泰安市")
                        .addPolygons(Polygon.newBuilder()
                                .addRing(point(36.7, 116.9)).addRing(point(36.7123456789, 117.3))
                                .addRing(point(36.2, 117.3)).addRing(point(36.2, 116.9)).addRing(point(36.7, 116.9)))
                        .addCircles(Circle.newBuilder().setCenter(point(36.1, 117.08)).setRadiusKm(25.5))
                        .addAdcodes("370100").addAdcodes("370900"))
                .addAreas(WarningArea.newBuilder().setDescription("南四湖").addAdcodes("370826"));
        if (msgType != WarningMsgType.WARNING_MSG_TYPE_ALERT) {
            warning.addReferences("37000041600000_20260228180000")
                    .addReferenceDetails(WarningReference.newBuilder()
                            .setSender("37000041600000")
                            .setIdentifier("37000041600000_20260228180000")
                            .setSent(at("2026-02-28T18:00:00+08:00")));
        }
        MessageStatus status = MessageStatus.forNumber(1 + n % 3);
        CapAlert alert = new CapAlert(warning.build(), status, "37000041600000");

        String xml = writer.write(alert);
        CapAlert back = reader.read(xml);

        assertThat(back).isEqualTo(alert);
        assertThat(xml).contains("<event>" + CmaHazards.eventText(hazard, colour) + "</event>");
    }

    private static GeoPoint point(double lat, double lon) {
        return GeoPoint.newBuilder().setLatitude(lat).setLongitude(lon).build();
    }
}
