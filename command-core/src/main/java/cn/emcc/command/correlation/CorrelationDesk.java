package cn.emcc.command.correlation;

import cn.emcc.command.incident.Report;
import cn.emcc.command.persistence.JournalFailure;
import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The correlation desk of one county: every report placed in the county passes
 * here, and the desk decides, once and durably, which incident it belongs to.
 * The decision is keyed by the report's message id, so a resend (after a lost
 * Ack, or a restart) gets the same incident and never opens a second one.
 * It also hands out incident ids: {@code <county>-<yyyyMMdd>-<seq>}.
 */
public final class CorrelationDesk
        extends EventSourcedBehaviorWithEnforcedReplies<CorrelationDesk.Command, CorrelationDesk.Event, CorrelationDesk.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "CorrelationDesk");

    /** Incident ids count per day in China Standard Time, as duty logs do. */
    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    /**
     * How long a routing decision is remembered for resends. An agency client
     * resends within seconds or minutes; a week is generous.
     */
    static final Duration REMEMBER_DECISIONS = Duration.ofDays(7);

    // ---------------------------------------------------------------- protocol

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Decide the incident for this report. {@code endedIncidentId}, when set,
     * names an incident that refused the report because it has ended: the desk
     * forgets it and decides again.
     */
    public record RouteReport(Report report, String endedIncidentId, ActorRef<Routed> replyTo) implements Command {
    }

    /** @param opensIncident the report is the first of a new incident */
    public record Routed(String incidentId, boolean opensIncident, String reason, boolean repeated)
            implements CborSerializable {
    }

    public sealed interface Event extends CborSerializable {
    }

    public record ReportRouted(String messageId, String incidentId, boolean opensIncident, String reason,
                               OpenIncidentSummary summary, int sequenceOfDay, LocalDate day) implements Event {
    }

    public record IncidentEnded(String incidentId) implements Event {
    }

    /** @param decisions message id → the routing decision and when the report was made */
    /**
     * The desk's memory. Mutable, changed only by the event handler (as Pekko
     * allows), so a report costs the same however many the desk remembers:
     * both maps are in insertion order, oldest first, and forgetting walks from
     * the oldest end only as far as there is something to forget.
     *
     * @param decisions message id → the routing decision and when the report was made
     */
    public static final class State implements CborSerializable {
        public LinkedHashMap<String, OpenIncidentSummary> open = new LinkedHashMap<>();
        public LinkedHashMap<String, Decision> decisions = new LinkedHashMap<>();
        public LocalDate day;
        public int sequenceOfDay;
    }

    public record Decision(String incidentId, boolean opensIncident, String reason, Instant reportedAt)
            implements CborSerializable {
    }

    // -------------------------------------------------------------- the entity

    public static void init(ActorSystem<?> system, Correlator correlator, Duration maxWindow) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), correlator, maxWindow)));
    }

    public static Behavior<Command> create(String countyAdcode, Correlator correlator, Duration maxWindow) {
        return new CorrelationDesk(countyAdcode, correlator, maxWindow);
    }

    private final String county;
    private final Correlator correlator;
    private final Duration maxWindow;

    private CorrelationDesk(String county, Correlator correlator, Duration maxWindow) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), county),
                JournalFailure.restartWithBackoff());
        this.county = county;
        this.correlator = correlator;
        this.maxWindow = maxWindow;
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of(); // nothing reads the desk's events by tag; an untagged event is one row less
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(RouteReport.class, this::route)
                .build();
    }

    private ReplyEffect<Event, State> route(State s, RouteReport c) {
        Decision earlier = s.decisions.get(c.report().messageId());
        boolean rerouting = c.endedIncidentId() != null;
        if (earlier != null && !(rerouting && earlier.incidentId().equals(c.endedIncidentId()))) {
            return Effect().reply(c.replyTo(),
                    new Routed(earlier.incidentId(), earlier.opensIncident(), earlier.reason(), true));
        }
        Map<String, OpenIncidentSummary> open = s.open;
        if (rerouting) {
            open = new HashMap<>(open);
            open.remove(c.endedIncidentId());
        }
        Correlation decision = correlator.correlate(c.report(), open.values());
        LocalDate day = LocalDate.ofInstant(c.report().reportedAt(), CST);
        ReportRouted event;
        if (decision instanceof Correlation.Join join) {
            OpenIncidentSummary before = open.get(join.incidentId());
            Instant last = before.lastReportedAt().isAfter(c.report().reportedAt())
                    ? before.lastReportedAt() : c.report().reportedAt();
            event = new ReportRouted(c.report().messageId(), join.incidentId(), false, join.reason(),
                    new OpenIncidentSummary(join.incidentId(), before.category(), before.position(), last),
                    s.sequenceOfDay, s.day);
        } else {
            int seq = day.equals(s.day) ? s.sequenceOfDay + 1 : 1;
            String id = county + "-" + day.toString().replace("-", "") + "-" + String.format("%04d", seq);
            event = new ReportRouted(c.report().messageId(), id, true, ((Correlation.OpenNew) decision).reason(),
                    new OpenIncidentSummary(id, c.report().category(), c.report().position(), c.report().reportedAt()),
                    seq, day);
        }
        Routed reply = new Routed(event.incidentId(), event.opensIncident(), event.reason(), false);
        if (rerouting) {
            return Effect().persist(java.util.List.of(new IncidentEnded(c.endedIncidentId()), event))
                    .thenReply(c.replyTo(), st -> reply);
        }
        return Effect().persist(event).thenReply(c.replyTo(), st -> reply);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(ReportRouted.class, this::applyRouted)
                .onEvent(IncidentEnded.class, (s, e) -> {
                    s.open.remove(e.incidentId());
                    return s;
                })
                .build();
    }

    /**
     * Applies a routing and forgets what can no longer matter: incidents whose
     * last report is older than the widest correlation window, and decisions
     * older than {@link #REMEMBER_DECISIONS}. Forgetting depends only on the
     * events, so replay forgets the same things.
     */
    private State applyRouted(State s, ReportRouted e) {
        Instant now = e.summary().lastReportedAt();
        // Re-inserting moves the incident to the young end of the insertion order.
        s.open.remove(e.incidentId());
        s.open.put(e.incidentId(), e.summary());
        forgetOlderThan(s.open, now.minus(maxWindow), OpenIncidentSummary::lastReportedAt);
        s.decisions.remove(e.messageId());
        s.decisions.put(e.messageId(), new Decision(e.incidentId(), e.opensIncident(), e.reason(), now));
        forgetOlderThan(s.decisions, now.minus(REMEMBER_DECISIONS), Decision::reportedAt);
        if (e.opensIncident()) {
            s.day = e.day();
            s.sequenceOfDay = e.sequenceOfDay();
        }
        return s;
    }

    /** Drops entries from the old end while they are older than {@code cutoff}. */
    private static <V> void forgetOlderThan(LinkedHashMap<String, V> map, Instant cutoff, Function<V, Instant> time) {
        Iterator<V> oldestFirst = map.values().iterator();
        while (oldestFirst.hasNext() && time.apply(oldestFirst.next()).isBefore(cutoff)) {
            oldestFirst.remove();
        }
    }
}
