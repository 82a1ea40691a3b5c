package cn.emcc.command.nodes;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Categories;
import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.Grades;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.IncidentView;
import cn.emcc.protocols.v1.Location;
import com.google.protobuf.Timestamp;

import java.time.Instant;

/** The read side's incident summary in the form command nodes receive it. */
public final class IncidentViews {

    private IncidentViews() {
    }

    public static IncidentView of(IncidentSummary s) {
        IncidentView.Builder v = IncidentView.newBuilder()
                .setIncidentId(s.incidentId())
                .setStatus(s.status())
                .setGrade(s.grade())
                .setCategory(s.category())
                .setLocation(Location.newBuilder()
                        .setPoint(GeoPoint.newBuilder().setLongitude(s.longitude()).setLatitude(s.latitude()))
                        .setAddress(nullToEmpty(s.address()))
                        .setAdcode(s.countyAdcode()))
                .setCountyAdcode(s.countyAdcode())
                .setLeadTier(Grades.leadTier(s.grade()))
                .setOpenedAt(timestamp(s.openedAt()))
                .setUpdatedAt(timestamp(s.updatedAt()))
                .setTitle(Categories.label(s.category()) + " · " + nullToEmpty(s.address()))
                .setReportCount(Math.max(0, s.reportCount()))
                .setCasualties((s.casualties() == null ? Counts.NONE : s.casualties()).toProto())
                .setMergedInto(nullToEmpty(s.mergedInto()));
        for (WarningInForce w : s.warnings()) {
            v.addWarningIds(w.identifier());
        }
        return v.build();
    }

    public static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
