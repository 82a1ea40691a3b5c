package cn.emcc.command.gateway;

import cn.emcc.command.correlation.DeskInbox;
import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.incident.Counts;
import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.incident.Report;
import cn.emcc.map.jurisdiction.Jurisdiction;
import cn.emcc.map.jurisdiction.JurisdictionLocator;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.jurisdiction.Placement;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.FireAlarm;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.PoliceReport;
import cn.emcc.protocols.v1.RejectionCode;
import com.google.protobuf.Timestamp;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Turns a validated 110 report or 119 alarm into a report on an incident:
 * place it in its county, let the county's correlation desk choose the
 * incident (through this node's {@link DeskInbox}, which batches a busy
 * county's reports), file it there. The Ack is built only after the incident has
 * persisted the report; any failure before that answers UNAVAILABLE, so the
 * sender resends and the message id keeps the resend harmless.
 */
public final class ReportIntake {

    /** A report refused by ended incidents this many times in a row is answered UNAVAILABLE. */
    private static final int MAX_REROUTES = 3;

    /** Which weather warnings cover a point (its county, city and province adcodes given). */
    public interface WarningsAtPoint {
        List<WarningInForce> at(double longitude, double latitude, Set<String> adcodes);
    }

    private final ClusterSharding sharding;
    private final DeskInbox desks;
    private final JurisdictionLocator locator;
    private final JurisdictionTree tree;
    private final WarningsAtPoint warnings;
    private final Duration askTimeout;
    private final Clock clock;

    public ReportIntake(ClusterSharding sharding, JurisdictionLocator locator, JurisdictionTree tree,
                        WarningsAtPoint warnings, Duration askTimeout, Clock clock) {
        this.sharding = sharding;
        this.desks = new DeskInbox(sharding, askTimeout);
        this.locator = locator;
        this.tree = tree;
        this.warnings = warnings;
        this.askTimeout = askTimeout;
        this.clock = clock;
    }

    public CompletionStage<GatewayFrame> file(AgencyIdentity who, Envelope env) {
        String field = env.hasPoliceReport() ? "police_report" : "fire_alarm";
        var location = env.hasPoliceReport() ? env.getPoliceReport().getLocation() : env.getFireAlarm().getLocation();
        double lon = location.getPoint().getLongitude();
        double lat = location.getPoint().getLatitude();
        Placement placement = locator.locate(lon, lat);
        if (placement instanceof Placement.Outside outside) {
            return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_OUTSIDE_SERVICE_AREA,
                    field + ".location.point", "(" + lon + ", " + lat + ") is in no county served: " + outside.reason()));
        }
        Placement.Inside inside = (Placement.Inside) placement;
        String county = inside.county().adcode();
        if (who.jurisdictions().stream().noneMatch(j -> tree.contains(j, county))) {
            return done(Replies.reject(env.getMessageId(), RejectionCode.REJECTION_CODE_NOT_PERMITTED,
                    field + ".location.point", who.name() + " may report for " + who.jurisdictions()
                            + "; the point lies in " + county + " " + inside.county().name()));
        }
        Report report = toReport(env, county);
        Set<String> adcodes = tree.ancestorsAndSelf(county).stream().map(Jurisdiction::adcode).collect(Collectors.toSet());
        List<WarningInForce> inForce = warnings.at(lon, lat, adcodes);
        return route(report, inside.city().adcode(), inForce, null, 0)
                .exceptionally(e -> Replies.unavailable(env.getMessageId(), e));
    }

    private CompletionStage<GatewayFrame> route(Report report, String city, List<WarningInForce> inForce,
                                                String endedIncident, int attempt) {
        if (attempt > MAX_REROUTES) {
            return done(Replies.reject(report.messageId(), RejectionCode.REJECTION_CODE_UNAVAILABLE, "",
                    "incidents kept ending while this report was filed; resend later"));
        }
        return desks.route(report, endedIncident)
                .thenCompose(routed -> sharding.entityRefFor(IncidentActor.ENTITY_TYPE_KEY, routed.incidentId())
                        .<IncidentActor.FileOutcome>ask(replyTo -> new IncidentActor.FileReport(
                                report, city, routed.reason(), inForce, replyTo), askTimeout)
                        .thenCompose(outcome -> {
                            if (outcome instanceof IncidentActor.ReportFiled filed) {
                                return done(Replies.ack(report.messageId(), clock.instant(), filed.duplicate(),
                                        filed.incidentId()));
                            }
                            IncidentActor.IncidentEnded ended = (IncidentActor.IncidentEnded) outcome;
                            return route(report, city, inForce, ended.incidentId(), attempt + 1);
                        }));
    }

    static Report toReport(Envelope env, String county) {
        if (env.hasPoliceReport()) {
            PoliceReport p = env.getPoliceReport();
            return new Report(env.getMessageId(), env.getSender().getAgency(), env.getSender().getSystemId(),
                    p.getReportId(), instant(p.getReportedAt()), p.getLocation().getPoint().getLongitude(),
                    p.getLocation().getPoint().getLatitude(), p.getLocation().getAddress(), county, p.getCategory(),
                    p.getDescription(), Counts.of(p.getCasualties()),
                    p.getCategory() == IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, env.getStatus());
        }
        FireAlarm f = env.getFireAlarm();
        return new Report(env.getMessageId(), env.getSender().getAgency(), env.getSender().getSystemId(),
                f.getAlarmId(), instant(f.getReportedAt()), f.getLocation().getPoint().getLongitude(),
                f.getLocation().getPoint().getLatitude(), f.getLocation().getAddress(), county, f.getCategory(),
                f.getDescription(), Counts.of(f.getCasualties()),
                f.getFire().getHazardousMaterials()
                        || f.getCategory() == IncidentCategory.INCIDENT_CATEGORY_HAZARDOUS_MATERIALS, env.getStatus());
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static CompletionStage<GatewayFrame> done(GatewayFrame f) {
        return CompletableFuture.completedFuture(f);
    }
}
