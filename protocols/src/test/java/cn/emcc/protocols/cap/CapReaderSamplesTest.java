package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WarningReference;
import cn.emcc.protocols.v1.WeatherWarning;
import org.junit.jupiter.api.Test;

import static cn.emcc.protocols.cap.CapSamples.at;
import static org.assertj.core.api.Assertions.assertThat;

class CapReaderSamplesTest {

    private final CapReader reader = new CapReader();

    private static GeoPoint point(double lat, double lon) {
        return GeoPoint.newBuilder().setLatitude(lat).setLongitude(lon).build();
    }

    @Test
    void jinanRedRainstormReadsEveryMappedField() throws Exception {
        CapAlert alert = reader.read(CapSamples.bytes(CapSamples.JINAN_RED));
        WeatherWarning w = alert.warning();

        assertThat(alert.status()).isEqualTo(MessageStatus.MESSAGE_STATUS_ACTUAL);
        assertThat(alert.capSender()).isEqualTo("37010041600000");
        assertThat(w.getIdentifier()).isEqualTo("37010041600000_20260712083000");
        assertThat(w.getIssuer()).isEqualTo("济南市气象台");
        assertThat(w.getIssuedAt()).isEqualTo(at("2026-07-12T08:30:00+08:00"));
        assertThat(w.getIssuedAt().getSeconds()).isEqualTo(1_783_816_200L); // 2026-07-12T00:30:00Z
        assertThat(w.getMsgType()).isEqualTo(WarningMsgType.WARNING_MSG_TYPE_ALERT);
        assertThat(w.getReferencesList()).isEmpty();
        assertThat(w.getHazard()).isEqualTo(Hazard.HAZARD_RAINSTORM);
        assertThat(w.getColour()).isEqualTo(WarningColour.WARNING_COLOUR_RED);
        assertThat(w.getUrgency()).isEqualTo(Urgency.URGENCY_IMMEDIATE);
        assertThat(w.getSeverity()).isEqualTo(Severity.SEVERITY_EXTREME);
        assertThat(w.getCertainty()).isEqualTo(Certainty.CERTAINTY_LIKELY);
        assertThat(w.getOnset()).isEqualTo(at("2026-07-12T08:30:00+08:00"));
        assertThat(w.getExpires()).isEqualTo(at("2026-07-13T08:30:00+08:00"));
        assertThat(w.getHeadline()).isEqualTo("济南市气象台发布暴雨红色预警信号[I级/特别严重]");
        assertThat(w.getDescription()).startsWith("济南市气象台2026年07月12日08时30分发布暴雨红色预警信号").endsWith("城区低洼路段积水严重。");
        assertThat(w.getInstruction()).contains("远离低洼地带和地下空间");
        assertThat(w.getLanguage()).isEqualTo("zh-CN");

        assertThat(w.getAreasList()).hasSize(1);
        WarningArea area = w.getAreas(0);
        assertThat(area.getDescription()).isEqualTo("济南市区（历下区、市中区、槐荫区、天桥区、历城区）");
        assertThat(area.getAdcodesList()).containsExactly("370100");
        assertThat(area.getCirclesList()).isEmpty();
        assertThat(area.getPolygonsList()).hasSize(1);
        // CAP text is "lat,lon": the first pair 36.75,116.85 is latitude 36.75.
        assertThat(area.getPolygons(0).getRingList()).containsExactly(
                point(36.75, 116.85), point(36.75, 117.25), point(36.55, 117.25), point(36.55, 116.85), point(36.75, 116.85));
    }

    @Test
    void qingdaoTyphoonHasACircleAreaAndAPolygonArea() throws Exception {
        CapAlert alert = reader.read(CapSamples.text(CapSamples.QINGDAO_TYPHOON));
        WeatherWarning w = alert.warning();

        assertThat(alert.capSender()).isEqualTo("37020041600000");
        assertThat(w.getIssuer()).isEqualTo("青岛市气象台");
        assertThat(w.getHazard()).isEqualTo(Hazard.HAZARD_TYPHOON);
        assertThat(w.getColour()).isEqualTo(WarningColour.WARNING_COLOUR_ORANGE);
        assertThat(w.getUrgency()).isEqualTo(Urgency.URGENCY_EXPECTED);
        assertThat(w.getSeverity()).isEqualTo(Severity.SEVERITY_SEVERE);
        assertThat(w.getOnset()).isEqualTo(at("2026-08-15T20:00:00+08:00"));
        assertThat(w.getExpires()).isEqualTo(at("2026-08-17T08:00:00+08:00"));

        assertThat(w.getAreasList()).hasSize(2);
        WarningArea circleArea = w.getAreas(0);
        assertThat(circleArea.getCirclesList()).containsExactly(
                Circle.newBuilder().setCenter(point(35.8, 120.9)).setRadiusKm(120).build());
        assertThat(circleArea.getPolygonsList()).isEmpty();
        assertThat(circleArea.getAdcodesList()).isEmpty();
        WarningArea coast = w.getAreas(1);
        assertThat(coast.getAdcodesList()).containsExactly("370200");
        assertThat(coast.getPolygons(0).getRing(1)).isEqualTo(point(36.40, 120.75));
        assertThat(coast.getPolygons(0).getRingCount()).isEqualTo(5);
    }

    @Test
    void updateReferencesTheFirstJinanAlertWithItsSenderAndSentTime() throws Exception {
        WeatherWarning first = reader.read(CapSamples.bytes(CapSamples.JINAN_RED)).warning();
        WeatherWarning update = reader.read(CapSamples.bytes(CapSamples.JINAN_UPDATE)).warning();

        assertThat(update.getMsgType()).isEqualTo(WarningMsgType.WARNING_MSG_TYPE_UPDATE);
        assertThat(update.getIdentifier()).isEqualTo("37010041600000_20260712113000");
        assertThat(update.getReferencesList()).containsExactly(first.getIdentifier());
        assertThat(update.getReferenceDetailsList()).containsExactly(WarningReference.newBuilder()
                .setSender("37010041600000")
                .setIdentifier(first.getIdentifier())
                .setSent(first.getIssuedAt())
                .build());
        assertThat(update.getHazard()).isEqualTo(Hazard.HAZARD_RAINSTORM);
        assertThat(update.getColour()).isEqualTo(WarningColour.WARNING_COLOUR_ORANGE);
        assertThat(update.getAreas(0).getPolygons(0).getRing(2)).isEqualTo(point(36.40, 117.25));
    }

    @Test
    void cancelReferencesBothEarlierAlertsInOrder() throws Exception {
        WeatherWarning cancel = reader.read(CapSamples.bytes(CapSamples.JINAN_CANCEL)).warning();

        assertThat(cancel.getMsgType()).isEqualTo(WarningMsgType.WARNING_MSG_TYPE_CANCEL);
        assertThat(cancel.getReferencesList())
                .containsExactly("37010041600000_20260712083000", "37010041600000_20260712113000");
        assertThat(cancel.getReferenceDetails(1).getSent()).isEqualTo(at("2026-07-12T11:30:00+08:00"));
        assertThat(cancel.getUrgency()).isEqualTo(Urgency.URGENCY_PAST);
        assertThat(cancel.getCertainty()).isEqualTo(Certainty.CERTAINTY_OBSERVED);
        assertThat(cancel.hasOnset()).isFalse();
        assertThat(cancel.hasExpires()).isFalse();
        assertThat(cancel.getInstruction()).isEmpty();
        assertThat(cancel.getAreas(0).getAdcodesList()).containsExactly("370100");
        assertThat(cancel.getAreas(0).getPolygonsList()).isEmpty();
    }

    @Test
    void roadIcingExerciseTakesTheChineseInfoBlockAndAllAdcodes() throws Exception {
        CapAlert alert = reader.read(CapSamples.bytes(CapSamples.TAIAN_ROAD_ICING));
        WeatherWarning w = alert.warning();

        assertThat(alert.status()).isEqualTo(MessageStatus.MESSAGE_STATUS_EXERCISE);
        assertThat(w.getLanguage()).isEqualTo("zh-CN");
        assertThat(w.getHazard()).isEqualTo(Hazard.HAZARD_ROAD_ICING);
        assertThat(w.getColour()).isEqualTo(WarningColour.WARNING_COLOUR_YELLOW);
        assertThat(w.getSeverity()).isEqualTo(Severity.SEVERITY_MODERATE);
        assertThat(w.getIssuer()).isEqualTo("泰安市气象台");
        assertThat(w.getAreasList()).hasSize(1);
        assertThat(w.getAreas(0).getAdcodesList()).containsExactly("370902", "370911", "370982", "370983");
        assertThat(w.getAreas(0).getPolygonsList()).isEmpty();
        assertThat(w.getAreas(0).getCirclesList()).isEmpty();
    }

    @Test
    void heavyFogTestAlertInProfileHabitsIsRead() throws Exception {
        CapAlert alert = reader.read(CapSamples.bytes(CapSamples.LIAOCHENG_FOG));
        WeatherWarning w = alert.warning();

        assertThat(alert.status()).isEqualTo(MessageStatus.MESSAGE_STATUS_TEST);
        assertThat(w.getHazard()).isEqualTo(Hazard.HAZARD_HEAVY_FOG);
        assertThat(w.getColour()).isEqualTo(WarningColour.WARNING_COLOUR_ORANGE);
        // severity "Orange" is the profile's colour; it reads as the CAP severity of the same rank.
        assertThat(w.getSeverity()).isEqualTo(Severity.SEVERITY_SEVERE);
        // No <language>: the profile default.
        assertThat(w.getLanguage()).isEqualTo("zh-CN");
        // No <onset>: <effective>, written with a space as GB/T 35965.1 does.
        assertThat(w.getOnset()).isEqualTo(at("2026-12-05T06:20:00+08:00"));
        assertThat(w.getExpires()).isEqualTo(at("2026-12-05T12:00:00+08:00"));
        // The STATION geocode is not a GB/T 2260 code and is passed over.
        assertThat(w.getAreas(0).getAdcodesList()).containsExactly("371502", "371521", "371522", "371581");
    }
}
