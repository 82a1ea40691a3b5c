package cn.emcc.command.workflow;

import cn.emcc.command.incident.IncidentLifecycle;
import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.command.readside.IncidentSummary;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps awake the dispatch of every incident that may still have orders out:
 * after a node restart (or a shard moving) nothing would otherwise start the
 * entity whose timers and redeliveries must run. Every {@code every} it wakes
 * the dispatch of each open incident the read side shows as VERIFIED,
 * DISPATCHING, RESPONDING, ON_SCENE or CONTROLLED (waking a running entity
 * costs one message), and asks the dispatch of each incident that ended after
 * being dispatched whether orders are still out (release orders waiting for
 * the agency's confirmation), until it says none are. Ended incidents older
 * than {@code endedWithin} are not asked: a release unconfirmed for that long
 * is on the timeline as overdue already and waits for the agency.
 */
public final class DispatchKeeper {

    private static final Logger log = LoggerFactory.getLogger(DispatchKeeper.class);

    /** VERIFIED: a confirmation may have prepared orders that a restart interrupted before they went out. */
    private static final Set<IncidentStatus> BEING_DISPATCHED = EnumSet.of(IncidentStatus.INCIDENT_STATUS_VERIFIED,
            IncidentStatus.INCIDENT_STATUS_DISPATCHING, IncidentStatus.INCIDENT_STATUS_RESPONDING,
            IncidentStatus.INCIDENT_STATUS_ON_SCENE, IncidentStatus.INCIDENT_STATUS_CONTROLLED);

    private final ClusterSharding sharding;
    private final IncidentBoard board;
    private final Duration askTimeout;
    private final Duration endedWithin;
    private final Clock clock;
    /** Incidents seen being dispatched and not yet ended. */
    private final Set<String> dispatched = ConcurrentHashMap.newKeySet();
    /** Incidents that ended after being dispatched, with when, whose dispatch may still have orders out. */
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();

    private DispatchKeeper(ActorSystem<?> system, IncidentBoard board, Duration askTimeout, Duration endedWithin,
                           Clock clock) {
        this.sharding = ClusterSharding.get(system);
        this.board = board;
        this.askTimeout = askTimeout;
        this.endedWithin = endedWithin;
        this.clock = clock;
    }

    /** Starts the keeper; it follows the board's changes from now on (the start-up replay included). */
    public static DispatchKeeper start(ActorSystem<?> system, IncidentBoard board, Duration every, Duration askTimeout,
                                       Duration endedWithin, Clock clock) {
        DispatchKeeper keeper = new DispatchKeeper(system, board, askTimeout, endedWithin, clock);
        board.onChange(keeper::onChange);
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, every, keeper::tick, system.executionContext());
        return keeper;
    }

    void onChange(IncidentSummary s) {
        if (BEING_DISPATCHED.contains(s.status())) {
            dispatched.add(s.incidentId());
        } else if (!IncidentLifecycle.isOpen(s.status()) && dispatched.remove(s.incidentId())) {
            ended.put(s.incidentId(), s.updatedAt());
        }
    }

    private void tick() {
        board.open(county -> true).stream()
                .filter(i -> BEING_DISPATCHED.contains(i.status()))
                .forEach(i -> sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, i.incidentId())
                        .tell(new DispatchActor.Wake()));
        Instant oldest = clock.instant().minus(endedWithin);
        ended.forEach((incident, at) -> {
            if (at.isBefore(oldest)) {
                ended.remove(incident, at);
                return;
            }
            sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, incident)
                    .<DispatchActor.OrdersOut>ask(DispatchActor.CheckOrdersOut::new, askTimeout)
                    .whenComplete((out, failure) -> {
                        if (failure != null) {
                            log.debug("dispatch of ended incident {} did not answer: {}", incident, failure.toString());
                        } else if (!out.any()) {
                            ended.remove(incident, at);
                        }
                    });
        });
    }
}
