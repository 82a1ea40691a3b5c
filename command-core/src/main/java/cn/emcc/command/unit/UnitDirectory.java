package cn.emcc.command.unit;

import cn.emcc.dispatch.IndexedRecommender;
import cn.emcc.dispatch.Recommendation;
import cn.emcc.dispatch.RecommendationRequest;
import cn.emcc.dispatch.RecommenderSettings;
import cn.emcc.dispatch.Unit;
import cn.emcc.dispatch.UnitBoard;
import cn.emcc.map.jurisdiction.JurisdictionTree;
import cn.emcc.map.travel.TravelTimeModel;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * This node's picture of the units for the recommender: the {@link UnitBoard}
 * (availability by capability, latest positions), fed by the units' journaled
 * events (through {@link UnitProjection}) and by AVL fixes straight from the
 * gateway. Positions are deliberately not journaled: only the latest fix and
 * a sampled track (one fix per {@code sampleEvery}, the last {@code keepSamples})
 * are kept, in memory. Node-local: its messages never cross the cluster.
 *
 * <p>It also tells the command nodes' picture about every unit
 * ({@link UnitChanged}): all of the roster at start, a status or assignment
 * change at once, and positions coalesced: a unit that moved is told once per
 * {@code positionEvery} with its latest fix, however many fixes came in. What
 * waits is one flag per unit, so memory stays bounded by the roster.
 */
public final class UnitDirectory {

    public sealed interface Command extends NoSerializationVerificationNeeded {
    }

    /** A journaled unit event: its status and assignment changed. */
    public record UnitEventSeen(UnitActor.Event event) implements Command {
    }

    /** An AVL fix; older than the last one kept for the unit, it is ignored. */
    public record PositionFix(String unitId, GeoPoint position, Instant fixedAt) implements Command {
    }

    public record Recommend(RecommendationRequest request, TravelTimeModel model, ActorRef<Recommended> replyTo)
            implements Command {
    }

    /** The answer to {@link Recommend} (a local reply: it never crosses the cluster). */
    public record Recommended(Recommendation recommendation) implements NoSerializationVerificationNeeded {
    }

    public record GetUnit(String unitId, ActorRef<Found> replyTo) implements Command {
    }

    public record Found(Optional<UnitView> unit) implements NoSerializationVerificationNeeded {
    }

    /** Every unit of the roster as this node sees it now (the console's unit board and map layer). */
    public record ListUnits(ActorRef<Listed> replyTo) implements Command {
    }

    /**
     * @param statusSince when each unit's status last changed; absent for a unit that never changed
     * @param assignedTo  the incident each assigned unit works; absent for a unit that is not assigned
     */
    public record Listed(List<Unit> units, Map<String, Instant> statusSince, Map<String, String> assignedTo)
            implements NoSerializationVerificationNeeded {
    }

    /** A unit as this node sees it, with its sampled track (oldest first). */
    public record UnitView(Unit unit, Instant lastFixAt, List<Sample> track) {
    }

    public record Sample(GeoPoint position, Instant at) {
    }

    /**
     * A unit as the command nodes show it: its latest status and position, since
     * when it has that status (null before its first event) and the incident it
     * is assigned to (empty when none).
     */
    public record UnitChanged(Unit unit, Instant statusSince, String incidentId) {
    }

    /** Time to tell the units that moved since the last time. */
    private record FlushPositions() implements Command {
    }

    private UnitDirectory() {
    }

    public static Behavior<Command> create(UnitRoster roster, JurisdictionTree tree, Duration sampleEvery,
                                           int keepSamples) {
        return create(roster, tree, sampleEvery, keepSamples, changed -> { }, Duration.ofSeconds(1));
    }

    /** @param watcher told every unit's changes (on this actor's thread: it must not block) */
    public static Behavior<Command> create(UnitRoster roster, JurisdictionTree tree, Duration sampleEvery,
                                           int keepSamples, Consumer<UnitChanged> watcher, Duration positionEvery) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            UnitBoard board = UnitBoard.shandong(roster.all());
            IndexedRecommender recommender = new IndexedRecommender(board, tree, RecommenderSettings.defaults());
            Map<String, Deque<Sample>> tracks = new HashMap<>();
            Map<String, Instant> lastFix = new HashMap<>();
            Map<String, Instant> statusSince = new HashMap<>();
            Map<String, String> assignedTo = new HashMap<>();
            Set<String> moved = new LinkedHashSet<>();
            Consumer<Unit> tell = u -> watcher.accept(
                    new UnitChanged(u, statusSince.get(u.unitId()), assignedTo.getOrDefault(u.unitId(), "")));
            roster.all().stream().sorted(Comparator.comparing(Unit::unitId)).forEach(tell);
            timers.startTimerWithFixedDelay(new FlushPositions(), positionEvery);
            return Behaviors.receive(Command.class)
                    .onMessage(UnitEventSeen.class, m -> {
                        UnitActor.Event e = m.event();
                        board.get(e.unitId()).ifPresent(u -> {
                            Unit now = u.withStatus(statusAfter(e));
                            board.put(now);
                            statusSince.merge(e.unitId(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
                            assignedTo.put(e.unitId(), incidentAfter(e, assignedTo.getOrDefault(e.unitId(), "")));
                            moved.remove(e.unitId()); // this change carries the latest position too
                            tell.accept(now);
                        });
                        return Behaviors.same();
                    })
                    .onMessage(FlushPositions.class, m -> {
                        for (String unitId : moved) {
                            board.get(unitId).ifPresent(tell);
                        }
                        moved.clear();
                        return Behaviors.same();
                    })
                    .onMessage(PositionFix.class, m -> {
                        Optional<Unit> unit = board.get(m.unitId());
                        Instant last = lastFix.get(m.unitId());
                        if (unit.isEmpty() || (last != null && !m.fixedAt().isAfter(last))) {
                            return Behaviors.same();
                        }
                        board.put(unit.get().withPosition(m.position()));
                        lastFix.put(m.unitId(), m.fixedAt());
                        moved.add(m.unitId());
                        Deque<Sample> track = tracks.computeIfAbsent(m.unitId(), k -> new ArrayDeque<>());
                        if (track.isEmpty() || !m.fixedAt().isBefore(track.peekLast().at().plus(sampleEvery))) {
                            track.addLast(new Sample(m.position(), m.fixedAt()));
                            if (track.size() > keepSamples) {
                                track.removeFirst();
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Recommend.class, m -> {
                        m.replyTo().tell(new Recommended(recommender.recommend(m.request(), m.model())));
                        return Behaviors.same();
                    })
                    .onMessage(ListUnits.class, m -> {
                        Map<String, String> assigned = new HashMap<>(assignedTo);
                        assigned.values().removeIf(String::isEmpty);
                        m.replyTo().tell(new Listed(board.all(), Map.copyOf(statusSince), Map.copyOf(assigned)));
                        return Behaviors.same();
                    })
                    .onMessage(GetUnit.class, m -> {
                        m.replyTo().tell(new Found(board.get(m.unitId()).map(u -> new UnitView(u, lastFix.get(m.unitId()),
                                List.copyOf(tracks.getOrDefault(m.unitId(), new ArrayDeque<>()))))));
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** The incident a unit is assigned to after {@code e}, given the one before. */
    static String incidentAfter(UnitActor.Event e, String before) {
        if (e instanceof UnitActor.UnitAssigned a) {
            return a.incidentId();
        }
        return e instanceof UnitActor.UnitReleased ? "" : before;
    }

    static UnitStatus statusAfter(UnitActor.Event e) {
        if (e instanceof UnitActor.UnitStatusChanged c) {
            return c.to();
        }
        return e instanceof UnitActor.UnitAssigned ? UnitStatus.UNIT_STATUS_DISPATCHED : UnitStatus.UNIT_STATUS_AVAILABLE;
    }
}
