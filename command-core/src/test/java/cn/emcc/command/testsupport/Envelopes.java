package cn.emcc.command.testsupport;

import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.PoliceReport;
import com.google.protobuf.Timestamp;

import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.Polygon;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningArea;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;
import cn.emcc.protocols.v1.WeatherWarning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Realistic report envelopes for gateway tests, built the way an agency's system would. */
public final class Envelopes {

    /** 泉城广场, Jinan 历下区 (370102). */
    public static final double JINAN_LON = 117.0205, JINAN_LAT = 36.6612;

    private Envelopes() {
    }

    public static Timestamp ts(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    public static Location location(double lon, double lat, String address) {
        return Location.newBuilder().setPoint(GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat))
                .setAddress(address).build();
    }

    public static Envelope fireAlarm(AgencyClient fire, double lon, double lat, IncidentCategory category,
                                     Casualties casualties) {
        return fire.newEnvelope()
                .setKind(MessageKind.MESSAGE_KIND_FIRE_ALARM)
                .setFireAlarm(FireAlarm.newBuilder()
                        .setAlarmId("119-" + UUID.randomUUID().toString().substring(0, 8))
                        .setReportedAt(ts(Instant.now().minusSeconds(20)))
                        .setLocation(location(lon, lat, "济南市历下区泉城路"))
                        .setCategory(category)
                        .setDescription("居民楼冒烟")
                        .setCasualties(casualties)
                        .setFire(FireDetails.newBuilder().setBuildingType(BuildingType.BUILDING_TYPE_RESIDENTIAL)
                                .setFloorsAboveGround(18).setFireFloor(7).setSmokeVisible(true)))
                .build();
    }

    public static Envelope policeReport(AgencyClient police, double lon, double lat, IncidentCategory category,
                                        Casualties casualties) {
        return police.newEnvelope()
                .setKind(MessageKind.MESSAGE_KIND_POLICE_REPORT)
                .setPoliceReport(PoliceReport.newBuilder()
                        .setReportId("110-" + UUID.randomUUID().toString().substring(0, 8))
                        .setReportedAt(ts(Instant.now().minusSeconds(10)))
                        .setLocation(location(lon, lat, "济南市历下区"))
                        .setCategory(category)
                        .setDescription("群众报警")
                        .setCasualties(casualties)
                        .setCallerNumberMasked("138****1234"))
                .build();
    }

    /**
     * A weather warning over a box around Jinan's centre (116.8–117.3 E,
     * 36.5–36.8 N), issued now and in force for six hours.
     */
    public static Envelope jinanRainstorm(AgencyClient weather, String identifier, WarningMsgType type,
                                          WarningColour colour, List<String> references) {
        Instant now = Instant.now();
        WeatherWarning.Builder w = WeatherWarning.newBuilder()
                .setIdentifier(identifier)
                .setIssuer("济南市气象台")
                .setIssuedAt(ts(now.minusSeconds(5)))
                .setMsgType(type)
                .addAllReferences(references)
                .setHazard(Hazard.HAZARD_RAINSTORM)
                .setColour(colour)
                .setOnset(ts(now.minusSeconds(5)))
                .setExpires(ts(now.plus(Duration.ofHours(6))))
                .setHeadline("济南市气象台发布暴雨预警信号")
                .setDescription("预计未来3小时市区降雨量将达100毫米以上")
                .setInstruction("停止集会，转移危险地带人员")
                .setUrgency(Urgency.URGENCY_IMMEDIATE)
                .setSeverity(Severity.SEVERITY_EXTREME)
                .setCertainty(Certainty.CERTAINTY_LIKELY)
                .setLanguage("zh-CN");
        if (type != WarningMsgType.WARNING_MSG_TYPE_CANCEL) {
            w.addAreas(WarningArea.newBuilder().setDescription("济南市区").addAdcodes("370100")
                    .addPolygons(Polygon.newBuilder()
                            .addRing(point(116.8, 36.5)).addRing(point(117.3, 36.5)).addRing(point(117.3, 36.8))
                            .addRing(point(116.8, 36.8)).addRing(point(116.8, 36.5))));
        }
        return weather.newEnvelope().setKind(MessageKind.MESSAGE_KIND_WEATHER_WARNING).setWeatherWarning(w).build();
    }

    private static GeoPoint point(double lon, double lat) {
        return GeoPoint.newBuilder().setLongitude(lon).setLatitude(lat).build();
    }

    /** A point {@code metres} north of the latitude given. */
    public static double north(double lat, double metres) {
        return lat + metres / 111_195.0;
    }
}
