package cn.emcc.command.reporting;

import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.incident.Who;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;
import cn.emcc.protocols.v1.ReportKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports (首报/续报/终报) a county owes the node above about one incident:
 * the facts their deadlines run from (verified, closed, grade), the reports
 * filed, and the deadlines that have passed. One sharded, event-sourced entity
 * per incident id. It keeps no timer of its own (an idle entity is passivated):
 * every answer says when it next needs a {@link CheckDeadlines}, and the
 * process-local {@link ReportWatcher} asks then.
 */
public final class ReportDesk
        extends EventSourcedBehaviorWithEnforcedReplies<ReportDesk.Command, ReportDesk.Event, ReportDesk.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "ReportDesk");

    /** Every desk's events carry this one tag; the node streams read them. */
    public static final String TAG = "report-deadline";

    // ---------------------------------------------------------------- commands

    public sealed interface Command extends CborSerializable {
    }

    /** The incident changed (from the read side); {@code at} orders changes, repeats are ignored. */
    public record TrackIncident(String countyAdcode, String cityAdcode, IncidentStatus status, Grade grade, Instant at,
                                ActorRef<NextCheck> replyTo) implements Command {
    }

    public record FileReport(ReportKind kind, Who by, String text, ActorRef<StatusReply<NextCheck>> replyTo)
            implements Command {
    }

    /** The reports filed so far, oldest first. */
    public record ListReports(ActorRef<Filed> replyTo) implements Command {
    }

    public record Filed(List<FiledReport> reports) implements CborSerializable {
    }

    /** A report as the county filed it: what the node above reads. */
    public record FiledReport(ReportKind kind, Instant at, Who by, String text) implements CborSerializable {
    }

    /** Records the deadlines that have passed. */
    public record CheckDeadlines(ActorRef<NextCheck> replyTo) implements Command {
    }

    /** When the desk next has a deadline to check; null when none is pending. */
    public record NextCheck(String incidentId, Instant at) implements CborSerializable {
    }

    // ------------------------------------------------------------------ events

    public sealed interface Event extends CborSerializable {
        String incidentId();
    }

    public record IncidentTracked(String incidentId, String countyAdcode, String cityAdcode, IncidentStatus status,
                                  Grade grade, Instant at) implements Event {
    }

    public record ReportFiled(String incidentId, String countyAdcode, String cityAdcode, ReportKind kind, Instant at,
                              Who by, String text) implements Event {
    }

    public record DeadlinePassed(String incidentId, String countyAdcode, String cityAdcode, Grade grade,
                                 ReportKind kind, Instant dueAt) implements Event {
    }

    // ------------------------------------------------------------------- state

    /**
     * @param overdue deadlines that passed and whose report is not filed yet
     */
    public record State(String countyAdcode, String cityAdcode, Grade grade, Instant lastChangeAt,
                        Instant verifiedAt, Instant closedAt, boolean voided,
                        Map<ReportKind, Instant> filed, Map<ReportKind, Instant> overdue,
                        List<FiledReport> reports) implements CborSerializable {
        public State {
            filed = Map.copyOf(filed);
            overdue = Map.copyOf(overdue);
            reports = reports == null ? List.of() : List.copyOf(reports); // snapshots from before reports were kept
        }

        static State empty() {
            return new State("", "", Grade.GRADE_UNSPECIFIED, null, null, null, false, Map.of(), Map.of(), List.of());
        }
    }

    /** The reports a county can owe. */
    public static final List<ReportKind> OWED_KINDS = List.of(ReportKind.REPORT_KIND_INITIAL,
            ReportKind.REPORT_KIND_FOLLOW_UP, ReportKind.REPORT_KIND_FINAL);

    /** A false alarm or an incident merged into another owes no report, not even one already overdue. */
    public static boolean owesNothing(IncidentStatus status) {
        return IncidentLifecycle.isFinal(status) && status != IncidentStatus.INCIDENT_STATUS_CLOSED;
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, ReportDeadlineRules rules, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId(), rules, clock)));
    }

    public static Behavior<Command> create(String incidentId, ReportDeadlineRules rules, Clock clock) {
        return new ReportDesk(incidentId, rules, clock);
    }

    private final String incidentId;
    private final ReportDeadlineRules rules;
    private final Clock clock;

    private ReportDesk(String incidentId, ReportDeadlineRules rules, Clock clock) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), incidentId), JournalFailure.restartWithBackoff());
        this.incidentId = incidentId;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public State emptyState() {
        return State.empty();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of(TAG);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(TrackIncident.class, this::track)
                .onCommand(FileReport.class, this::file)
                .onCommand(CheckDeadlines.class, this::check)
                .onCommand(ListReports.class, (s, c) -> Effect().reply(c.replyTo(), new Filed(s.reports())))
                .build();
    }

    private ReplyEffect<Event, State> track(State s, TrackIncident c) {
        if (s.lastChangeAt() != null && !c.at().isAfter(s.lastChangeAt())) {
            return Effect().reply(c.replyTo(), next(s));
        }
        return Effect().persist(new IncidentTracked(incidentId, c.countyAdcode(), c.cityAdcode(), c.status(), c.grade(), c.at()))
                .thenReply(c.replyTo(), this::next);
    }

    private ReplyEffect<Event, State> file(State s, FileReport c) {
        if (s.lastChangeAt() == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("incident " + incidentId + " does not exist"));
        }
        if (c.kind() == ReportKind.REPORT_KIND_INITIAL && s.filed().containsKey(c.kind())) {
            return Effect().reply(c.replyTo(), StatusReply.error("the initial report (首报) of " + incidentId
                    + " was filed at " + s.filed().get(c.kind()) + "; file a FOLLOW_UP (续报) instead"));
        }
        if (c.kind() == ReportKind.REPORT_KIND_FINAL && s.closedAt() == null) {
            return Effect().reply(c.replyTo(), StatusReply.error("the final report (终报) of " + incidentId
                    + " is filed once it is closed; it is still open"));
        }
        return Effect().persist(new ReportFiled(incidentId, s.countyAdcode(), s.cityAdcode(), c.kind(), clock.instant(),
                        c.by(), c.text()))
                .thenReply(c.replyTo(), st -> StatusReply.success(next(st)));
    }

    private ReplyEffect<Event, State> check(State s, CheckDeadlines c) {
        Instant now = clock.instant();
        List<Event> passed = new ArrayList<>();
        for (ReportDeadlineRules.Due due : owed(s)) {
            if (!due.dueAt().isAfter(now) && !due.dueAt().equals(s.overdue().get(due.report()))) {
                passed.add(new DeadlinePassed(incidentId, s.countyAdcode(), s.cityAdcode(), s.grade(), due.report(),
                        due.dueAt()));
            }
        }
        if (passed.isEmpty()) {
            return Effect().reply(c.replyTo(), next(s));
        }
        return Effect().persist(passed).thenReply(c.replyTo(), this::next);
    }

    private List<ReportDeadlineRules.Due> owed(State s) {
        if (s.voided() || s.lastChangeAt() == null) {
            return List.of();
        }
        return rules.due(s.grade(), s.verifiedAt(), s.closedAt(), s.filed());
    }

    /** The earliest deadline not yet recorded as passed. */
    private NextCheck next(State s) {
        return new NextCheck(incidentId, owed(s).stream()
                .filter(d -> !d.dueAt().equals(s.overdue().get(d.report())))
                .map(ReportDeadlineRules.Due::dueAt)
                .min(Comparator.naturalOrder()).orElse(null));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(IncidentTracked.class, (s, e) -> {
                    boolean verified = e.status() != IncidentStatus.INCIDENT_STATUS_REPORTED
                            && e.status() != IncidentStatus.INCIDENT_STATUS_CANCELLED
                            && e.status() != IncidentStatus.INCIDENT_STATUS_MERGED;
                    Instant verifiedAt = s.verifiedAt() == null && verified ? e.at() : s.verifiedAt();
                    Instant closedAt = s.closedAt() == null && e.status() == IncidentStatus.INCIDENT_STATUS_CLOSED
                            ? e.at() : s.closedAt();
                    boolean voided = owesNothing(e.status());
                    return new State(e.countyAdcode(), e.cityAdcode(), e.grade(), e.at(), verifiedAt, closedAt, voided,
                            s.filed(), voided ? Map.of() : s.overdue(), s.reports());
                })
                .onEvent(ReportFiled.class, (s, e) -> {
                    Map<ReportKind, Instant> filed = new EnumMap<>(ReportKind.class);
                    filed.putAll(s.filed());
                    filed.put(e.kind(), e.at());
                    Map<ReportKind, Instant> overdue = new EnumMap<>(ReportKind.class);
                    overdue.putAll(s.overdue());
                    overdue.remove(e.kind());
                    if (e.kind() == ReportKind.REPORT_KIND_FINAL) {
                        overdue.remove(ReportKind.REPORT_KIND_FOLLOW_UP);
                    }
                    List<FiledReport> reports = new ArrayList<>(s.reports());
                    reports.add(new FiledReport(e.kind(), e.at(), e.by(), e.text()));
                    return new State(s.countyAdcode(), s.cityAdcode(), s.grade(), s.lastChangeAt(), s.verifiedAt(),
                            s.closedAt(), s.voided(), filed, overdue, reports);
                })
                .onEvent(DeadlinePassed.class, (s, e) -> {
                    Map<ReportKind, Instant> overdue = new EnumMap<>(ReportKind.class);
                    overdue.putAll(s.overdue());
                    overdue.put(e.kind(), e.dueAt());
                    return new State(s.countyAdcode(), s.cityAdcode(), s.grade(), s.lastChangeAt(), s.verifiedAt(),
                            s.closedAt(), s.voided(), s.filed(), overdue, s.reports());
                })
                .build();
    }
}
