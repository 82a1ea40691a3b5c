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

import java.time.Instant;
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

    /** A point {@code metres} north of the latitude given. */
    public static double north(double lat, double metres) {
        return lat + metres / 111_195.0;
    }
}
