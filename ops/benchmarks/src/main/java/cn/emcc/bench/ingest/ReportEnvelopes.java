package cn.emcc.bench.ingest;

import cn.emcc.protocols.client.AgencyClient;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.BuildingType;
import cn.emcc.protocols.v1.Casualties;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.FireDetails;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.Location;
import cn.emcc.protocols.v1.MessageKind;
import cn.emcc.protocols.v1.PoliceReport;
import com.google.protobuf.Timestamp;

import java.time.Instant;

/**
 * Builds the envelope of a planned report the way a 110 or 119 system does,
 * at the moment it is sent (so {@code sent} and {@code reported_at} are
 * current, a few seconds after the call).
 */
final class ReportEnvelopes {

    private ReportEnvelopes() {
    }

    static Envelope of(AgencyClient client, PlannedReport r, int sequence) {
        Instant reportedAt = Instant.now().minusSeconds(8);
        Location location = Location.newBuilder()
                .setPoint(GeoPoint.newBuilder().setLongitude(r.longitude()).setLatitude(r.latitude()))
                .setAddress(r.address())
                .build();
        Casualties casualties = Casualties.newBuilder().setCallers(1)
                .setTrapped(r.category() == IncidentCategory.INCIDENT_CATEGORY_PERSON_TRAPPED ? 1 : 0)
                .build();
        if (r.agency() == Agency.AGENCY_POLICE) {
            return client.newEnvelope()
                    .setKind(MessageKind.MESSAGE_KIND_POLICE_REPORT)
                    .setPoliceReport(PoliceReport.newBuilder()
                            .setReportId("110-" + sequence)
                            .setReportedAt(timestamp(reportedAt))
                            .setLocation(location)
                            .setCategory(r.category())
                            .setDescription(r.secondCaller() ? "又一名群众报警，同一现场" : "群众报警")
                            .setCasualties(casualties)
                            .setCallerNumberMasked("138****" + String.format("%04d", sequence % 10_000)))
                    .build();
        }
        FireAlarm.Builder alarm = FireAlarm.newBuilder()
                .setAlarmId("119-" + sequence)
                .setReportedAt(timestamp(reportedAt))
                .setLocation(location)
                .setCategory(r.category())
                .setDescription(r.secondCaller() ? "重复报警" : "119接警")
                .setCasualties(casualties);
        if (r.category() == IncidentCategory.INCIDENT_CATEGORY_FIRE_BUILDING) {
            alarm.setFire(FireDetails.newBuilder().setBuildingType(BuildingType.BUILDING_TYPE_RESIDENTIAL)
                    .setFloorsAboveGround(18).setFireFloor(7).setSmokeVisible(true));
        }
        return client.newEnvelope().setKind(MessageKind.MESSAGE_KIND_FIRE_ALARM).setFireAlarm(alarm).build();
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
