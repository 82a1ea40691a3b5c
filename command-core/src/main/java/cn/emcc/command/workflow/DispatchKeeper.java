package cn.emcc.command.workflow;

import cn.emcc.command.readside.IncidentBoard;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps the dispatch of every incident being dispatched awake: after a node
 * restart (or a shard moving) nothing would otherwise start the entity whose
 * timers and redeliveries must run. Every {@code every} it wakes the dispatch
 * of each open incident the read side shows as VERIFIED, DISPATCHING,
 * RESPONDING, ON_SCENE or CONTROLLED; waking a running entity costs one
 * message.
 */
public final class DispatchKeeper {

    /** VERIFIED: a confirmation may have prepared orders that a restart interrupted before they went out. */
    private static final Set<IncidentStatus> BEING_DISPATCHED = EnumSet.of(IncidentStatus.INCIDENT_STATUS_VERIFIED,
            IncidentStatus.INCIDENT_STATUS_DISPATCHING, IncidentStatus.INCIDENT_STATUS_RESPONDING,
            IncidentStatus.INCIDENT_STATUS_ON_SCENE, IncidentStatus.INCIDENT_STATUS_CONTROLLED);

    private DispatchKeeper() {
    }

    public static void start(ActorSystem<?> system, IncidentBoard board, Duration every) {
        ClusterSharding sharding = ClusterSharding.get(system);
        system.scheduler().scheduleWithFixedDelay(Duration.ZERO, every, () -> board.open(county -> true).stream()
                        .filter(i -> BEING_DISPATCHED.contains(i.status()))
                        .forEach(i -> sharding.entityRefFor(DispatchActor.ENTITY_TYPE_KEY, i.incidentId())
                                .tell(new DispatchActor.Wake())),
                system.executionContext());
    }
}
