package cn.emcc.command.correlation;

import cn.emcc.command.correlation.CorrelationDesk.BatchRouted;
import cn.emcc.command.correlation.CorrelationDesk.Decision;
import cn.emcc.command.correlation.CorrelationDesk.Event;
import cn.emcc.command.correlation.CorrelationDesk.IncidentEnded;
import cn.emcc.command.correlation.CorrelationDesk.ReportRouted;
import cn.emcc.command.correlation.CorrelationDesk.RouteReport;
import cn.emcc.command.correlation.CorrelationDesk.Routed;
import cn.emcc.command.correlation.CorrelationDesk.State;
import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event-sourced memory of a {@link CorrelationDesk} (persistence id
 * {@code CorrelationDesk|<county>}): decides a batch of reports in order, each
 * seeing the decisions before it, and writes all of them in one atomic write
 * before answering.
 */
final class DeskJournal extends EventSourcedBehaviorWithEnforcedReplies<DeskJournal.Command, Event, State> {

    /** Incident ids count per day in China Standard Time, as duty logs do. */
    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    /**
     * How long a routing decision is remembered for resends. An agency client
     * resends within seconds or minutes; a week is generous.
     */
    static final Duration REMEMBER_DECISIONS = Duration.ofDays(7);

    sealed interface Command extends CborSerializable {
    }

    record RouteBatch(long batch, List<RouteReport> reports, ActorRef<BatchRouted> replyTo) implements Command {
    }

    static Behavior<Command> create(String county, Correlator correlator, Duration maxWindow) {
        return new DeskJournal(county, correlator, maxWindow);
    }

    private final String county;
    private final Correlator correlator;
    private final Duration maxWindow;

    private DeskJournal(String county, Correlator correlator, Duration maxWindow) {
        super(PersistenceId.of(CorrelationDesk.ENTITY_TYPE_KEY.name(), county),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.county = county;
        this.correlator = correlator;
        this.maxWindow = maxWindow;
    }

    @Override
    public State emptyState() {
        return new State(Map.of(), Map.of(), null, 0);
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of("desk");
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(RouteBatch.class, this::routeBatch)
                .build();
    }

    private ReplyEffect<Event, State> routeBatch(State s, RouteBatch c) {
        State working = s;
        List<Event> events = new ArrayList<>();
        List<Routed> answers = new ArrayList<>();
        for (RouteReport r : c.reports()) {
            Decided d = decide(working, r);
            for (Event e : d.events()) {
                working = apply(working, e);
            }
            events.addAll(d.events());
            answers.add(d.answer());
        }
        BatchRouted reply = new BatchRouted(c.batch(), answers);
        if (events.isEmpty()) {
            return Effect().reply(c.replyTo(), reply);
        }
        return Effect().persist(events).thenReply(c.replyTo(), st -> reply);
    }

    /** What one report adds to the journal (nothing for a resend) and what its sender is told. */
    private record Decided(List<Event> events, Routed answer) {
    }

    private Decided decide(State s, RouteReport c) {
        Decision earlier = s.decisions().get(c.report().messageId());
        boolean rerouting = c.endedIncidentId() != null;
        if (earlier != null && !(rerouting && earlier.incidentId().equals(c.endedIncidentId()))) {
            return new Decided(List.of(),
                    new Routed(earlier.incidentId(), earlier.opensIncident(), earlier.reason(), true));
        }
        Map<String, OpenIncidentSummary> open = s.open();
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
                    s.sequenceOfDay(), s.day());
        } else {
            int seq = day.equals(s.day()) ? s.sequenceOfDay() + 1 : 1;
            String id = county + "-" + day.toString().replace("-", "") + "-" + String.format("%04d", seq);
            event = new ReportRouted(c.report().messageId(), id, true, ((Correlation.OpenNew) decision).reason(),
                    new OpenIncidentSummary(id, c.report().category(), c.report().position(), c.report().reportedAt()),
                    seq, day);
        }
        Routed answer = new Routed(event.incidentId(), event.opensIncident(), event.reason(), false);
        List<Event> events = rerouting ? List.of(new IncidentEnded(c.endedIncidentId()), event) : List.of(event);
        return new Decided(events, answer);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(ReportRouted.class, this::applyRouted)
                .onEvent(IncidentEnded.class, DeskJournal::applyEnded)
                .build();
    }

    private State apply(State s, Event e) {
        if (e instanceof ReportRouted routed) {
            return applyRouted(s, routed);
        }
        return applyEnded(s, (IncidentEnded) e);
    }

    private static State applyEnded(State s, IncidentEnded e) {
        Map<String, OpenIncidentSummary> open = new HashMap<>(s.open());
        open.remove(e.incidentId());
        return new State(Map.copyOf(open), s.decisions(), s.day(), s.sequenceOfDay());
    }

    /**
     * Applies a routing and forgets what can no longer matter: incidents whose
     * last report is older than the widest correlation window, and decisions
     * older than {@link #REMEMBER_DECISIONS}. Forgetting depends only on the
     * event, so replay forgets the same things.
     */
    private State applyRouted(State s, ReportRouted e) {
        Instant now = e.summary().lastReportedAt();
        Map<String, OpenIncidentSummary> open = new HashMap<>();
        for (OpenIncidentSummary o : s.open().values()) {
            if (!o.lastReportedAt().isBefore(now.minus(maxWindow))) {
                open.put(o.incidentId(), o);
            }
        }
        open.put(e.incidentId(), e.summary());
        Map<String, Decision> decisions = new LinkedHashMap<>();
        Instant forgetBefore = now.minus(REMEMBER_DECISIONS);
        s.decisions().forEach((id, d) -> {
            if (!d.reportedAt().isBefore(forgetBefore)) {
                decisions.put(id, d);
            }
        });
        decisions.put(e.messageId(), new Decision(e.incidentId(), e.opensIncident(), e.reason(), now));
        return new State(Map.copyOf(open), Map.copyOf(decisions),
                e.opensIncident() ? e.day() : s.day(), e.opensIncident() ? e.sequenceOfDay() : s.sequenceOfDay());
    }
}
