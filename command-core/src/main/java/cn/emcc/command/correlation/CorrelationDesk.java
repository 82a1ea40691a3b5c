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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
     * Decide the incidents of several reports in one write, in the order given (a report may join the
     * incident an earlier one of the batch opened). The answer lists the decisions in the same order.
     */
    public record RouteReports(List<RouteRequest> requests, ActorRef<RoutedBatch> replyTo) implements Command {
    }

    /**
     * One report of a {@link RouteReports} batch. {@code endedIncidentId}, when set, names an incident that
     * refused the report because it has ended: the desk forgets it and decides again.
     */
    public record RouteRequest(Report report, String endedIncidentId) implements CborSerializable {
    }

    public record RoutedBatch(List<Routed> routed) implements CborSerializable {
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
                .onCommand(RouteReports.class, this::routeAll)
                .build();
    }

    private ReplyEffect<Event, State> routeAll(State s, RouteReports c) {
        Batch batch = new Batch(s);
        List<Routed> routed = new ArrayList<>(c.requests().size());
        for (RouteRequest r : c.requests()) {
            routed.add(batch.decide(r.report(), r.endedIncidentId()));
        }
        RoutedBatch reply = new RoutedBatch(routed);
        return batch.events.isEmpty() ? Effect().reply(c.replyTo(), reply)
                : Effect().persist(batch.events).thenReply(c.replyTo(), st -> reply);
    }

    /**
     * The decisions of one command, taken one report after another: each sees the desk's state as the
     * batch's earlier events will leave it (an overlay, so the state itself is changed only by the event
     * handler once the events are persisted).
     */
    private final class Batch {
        private final State state;
        final List<Event> events = new ArrayList<>();
        private final Map<String, OpenIncidentSummary> changed = new LinkedHashMap<>();
        private final Set<String> ended = new HashSet<>();
        private final Map<String, Decision> decided = new HashMap<>();
        private LocalDate day;
        private int sequenceOfDay;

        Batch(State state) {
            this.state = state;
            this.day = state.day;
            this.sequenceOfDay = state.sequenceOfDay;
        }

        Routed decide(Report report, String endedIncidentId) {
            Decision earlier = decided.containsKey(report.messageId()) ? decided.get(report.messageId())
                    : state.decisions.get(report.messageId());
            boolean rerouting = endedIncidentId != null;
            if (earlier != null && !(rerouting && earlier.incidentId().equals(endedIncidentId))) {
                return new Routed(earlier.incidentId(), earlier.opensIncident(), earlier.reason(), true);
            }
            if (rerouting) {
                ended.add(endedIncidentId);
                changed.remove(endedIncidentId);
                events.add(new IncidentEnded(endedIncidentId));
            }
            Correlation decision = correlator.correlate(report, open());
            ReportRouted event;
            if (decision instanceof Correlation.Join join) {
                OpenIncidentSummary before = summary(join.incidentId());
                Instant last = before.lastReportedAt().isAfter(report.reportedAt())
                        ? before.lastReportedAt() : report.reportedAt();
                event = new ReportRouted(report.messageId(), join.incidentId(), false, join.reason(),
                        new OpenIncidentSummary(join.incidentId(), before.category(), before.position(), last),
                        sequenceOfDay, day);
            } else {
                // Numbered in the day of the report, or in the desk's day when the report is older (a late
                // call after midnight): a day already counted past never restarts at 0001.
                LocalDate reportDay = LocalDate.ofInstant(report.reportedAt(), CST);
                LocalDate idDay = day == null || reportDay.isAfter(day) ? reportDay : day;
                int seq = idDay.equals(day) ? sequenceOfDay + 1 : 1;
                String id = county + "-" + idDay.toString().replace("-", "") + "-" + String.format("%04d", seq);
                event = new ReportRouted(report.messageId(), id, true, ((Correlation.OpenNew) decision).reason(),
                        new OpenIncidentSummary(id, report.category(), report.position(), report.reportedAt()),
                        seq, idDay);
                day = idDay;
                sequenceOfDay = seq;
            }
            events.add(event);
            changed.remove(event.incidentId());
            changed.put(event.incidentId(), event.summary());
            decided.put(report.messageId(), new Decision(event.incidentId(), event.opensIncident(), event.reason(),
                    event.summary().lastReportedAt()));
            return new Routed(event.incidentId(), event.opensIncident(), event.reason(), false);
        }

        private OpenIncidentSummary summary(String incidentId) {
            OpenIncidentSummary s = changed.get(incidentId);
            return s != null ? s : state.open.get(incidentId);
        }

        /** The open incidents as seen after this batch's earlier decisions. */
        private Collection<OpenIncidentSummary> open() {
            if (changed.isEmpty() && ended.isEmpty()) {
                return state.open.values();
            }
            List<OpenIncidentSummary> open = new ArrayList<>(state.open.size() + changed.size());
            for (OpenIncidentSummary o : state.open.values()) {
                if (!changed.containsKey(o.incidentId()) && !ended.contains(o.incidentId())) {
                    open.add(o);
                }
            }
            open.addAll(changed.values());
            return open;
        }
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
