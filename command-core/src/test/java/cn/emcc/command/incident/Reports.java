package cn.emcc.command.incident;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.MessageStatus;

import java.time.Instant;

/** Test reports around real places of Jinan. */
public final class Reports {

    public static final Instant T0 = Instant.parse("2026-07-12T02:00:00Z");
    /** 泉城广场, 历下区. */
    public static final double QUANCHENG_LON = 117.0205, QUANCHENG_LAT = 36.6612;

    private Reports() {
    }

    public static Report fire(String messageId, Agency agency, double lon, double lat, Instant at) {
        return report(messageId, agency, IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING, lon, lat, at, Counts.NONE, false);
    }

    public static Report report(String messageId, Agency agency, IncidentCategory category, double lon, double lat,
                                Instant at, Counts counts, boolean hazardous) {
        return new Report(messageId, agency, agency == Agency.AGENCY_FIRE ? "jinan-119" : "jinan-110",
                "src-" + messageId, at, lon, lat, "济南市历下区泉城路", "370102", category,
                "test report " + messageId, counts, hazardous, MessageStatus.MESSAGE_STATUS_ACTUAL);
    }

    /** A point {@code metres} north of the given one (1° latitude ≈ 111,195 m). */
    public static double north(double lat, double metres) {
        return lat + metres / 111_195.0;
    }
}
