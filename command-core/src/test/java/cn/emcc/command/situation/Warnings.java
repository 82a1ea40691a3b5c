package cn.emcc.command.situation;

import cn.emcc.protocols.v1.Circle;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.Timestamp;

import java.time.Instant;
import java.util.List;

/** Test warnings over real places of Shandong. */
final class Warnings {

    static final Instant T0 = Instant.parse("2026-07-12T00:30:00Z");

    /** 泉城广场, 历下区, 济南. */
    static final double JINAN_LON = 117.0205, JINAN_LAT = 36.6612;
    /** 五四广场, 市南区, 青岛. */
    static final double QINGDAO_LON = 120.3844, QINGDAO_LAT = 36.0620;

    /** Central Jinan, 116.90–117.15 E × 36.60–36.72 N. */
    static final Polygon CENTRAL_JINAN = ring(116.90, 36.60, 117.15, 36.60, 117.15, 36.72, 116.90, 36.72, 116.90, 36.60);

    private Warnings() {
    }

    static Polygon ring(double... lonLat) {
        Polygon.Builder p = Polygon.newBuilder();
        for (int i = 0; i < lonLat.length; i += 2) {
            p.addRing(point(lonLat[i], lonLat[i + 1]));
        }
        return p.build();
    }

    static GeoPoint point(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }

    static Circle circle(double lon, double lat, double radiusKm) {
        return Circle.newBuilder().setCenter(point(lon, lat)).setRadiusKm(radiusKm).build();
    }

    static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    /** A 济南市气象台 rainstorm ALERT over the given area, in force from {@code issued} for six hours. */
    static WeatherWarning.Builder alert(String identifier, WarningColour colour, Instant issued, WarningArea area) {
        return WeatherWarning.newBuilder()
                .setIdentifier(identifier)
                .setIssuer("济南市气象台")
                .setIssuedAt(ts(issued))
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_ALERT)
                .setHazard(Hazard.HAZARD_RAINSTORM)
                .setColour(colour)
                .setExpires(ts(issued.plusSeconds(6 * 3600)))
                .setHeadline("济南市气象台发布暴雨" + colour.name() + "预警信号")
                .addAreas(area)
                .setLanguage("zh-CN");
    }

    static WarningArea polygonArea(Polygon p) {
        return WarningArea.newBuilder().setDescription("济南市区").addPolygons(p).build();
    }

    static WarningArea circleArea(Circle c) {
        return WarningArea.newBuilder().setDescription("circle").addCircles(c).build();
    }

    static WarningArea adcodeArea(String... adcodes) {
        return WarningArea.newBuilder().setDescription("by division").addAllAdcodes(List.of(adcodes)).build();
    }

    static WeatherWarning.Builder update(String identifier, WarningColour colour, Instant issued, String... references) {
        return alert(identifier, colour, issued, polygonArea(CENTRAL_JINAN))
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_UPDATE)
                .addAllReferences(List.of(references));
    }

    static WeatherWarning.Builder cancel(String identifier, Instant issued, String... references) {
        return WeatherWarning.newBuilder()
                .setIdentifier(identifier)
                .setIssuer("济南市气象台")
                .setIssuedAt(ts(issued))
                .setMsgType(WarningMsgType.WARNING_MSG_TYPE_CANCEL)
                .setHazard(Hazard.HAZARD_RAINSTORM)
                .addAllReferences(List.of(references));
    }
}
