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
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This node's picture of the units for the recommender: the {@link UnitBoard}
 * (availability by capability, latest positions), fed by the units' journaled
 * events (through {@link UnitProjection}) and by AVL fixes straight from the
 * gateway. Positions are deliberately not journaled: only the latest fix and
 * a sampled track (one fix per {@code sampleEvery}, the last {@code keepSamples})
 * are kept, in memory. Node-local: its messages never cross the cluster.
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

    /** @param statusSince when each unit's status last changed; absent for a unit that never changed */
    public record Listed(List<Unit> units, Map<String, Instant> statusSince) implements NoSerializationVerificationNeeded {
    }

    /** A unit as this node sees it, with its sampled track (oldest first). */
    public record UnitView(Unit unit, Instant lastFixAt, List<Sample> track) {
    }

    public record Sample(GeoPoint position, Instant at) {
    }

    private UnitDirectory() {
    }

    public static Behavior<Command> create(UnitRoster roster, JurisdictionTree tree, Duration sampleEvery,
                                           int keepSamples) {
        return Behaviors.setup(ctx -> {
            UnitBoard board = UnitBoard.shandong(roster.all());
            IndexedRecommender recommender = new IndexedRecommender(board, tree, RecommenderSettings.defaults());
            Map<String, Deque<Sample>> tracks = new HashMap<>();
            Map<String, Instant> lastFix = new HashMap<>();
            Map<String, Instant> statusSince = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(UnitEventSeen.class, m -> {
                        board.get(m.event().unitId()).ifPresent(u -> board.put(u.withStatus(statusAfter(m.event()))));
                        statusSince.merge(m.event().unitId(), m.event().at(), (a, b) -> a.isAfter(b) ? a : b);
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
                        m.replyTo().tell(new Listed(board.all(), Map.copyOf(statusSince)));
                        return Behaviors.same();
                    })
                    .onMessage(GetUnit.class, m -> {
                        m.replyTo().tell(new Found(board.get(m.unitId()).map(u -> new UnitView(u, lastFix.get(m.unitId()),
                                List.copyOf(tracks.getOrDefault(m.unitId(), new ArrayDeque<>()))))));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    static UnitStatus statusAfter(UnitActor.Event e) {
        if (e instanceof UnitActor.UnitStatusChanged c) {
            return c.to();
        }
        return e instanceof UnitActor.UnitAssigned ? UnitStatus.UNIT_STATUS_DISPATCHED : UnitStatus.UNIT_STATUS_AVAILABLE;
    }
}
