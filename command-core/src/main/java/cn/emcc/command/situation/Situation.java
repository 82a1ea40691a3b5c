package cn.emcc.command.situation;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The situation layer (态势) of one node, as the gateway and the travel-time
 * model use it: the two boards, this node's warning cache and the linker.
 * Refusals arrive as failed stages carrying {@code StatusReply.ErrorMessage};
 * a warning refused with a message starting "unknown reference: " names a
 * reference no warning on the board has.
 */
public final class Situation {

    private final EntityRef<WarningBoard.Command> warningBoard;
    private final EntityRef<TrafficBoard.Command> trafficBoard;
    private final WarningCache warnings;
    private final ActorRef<WarningLinker.Command> linker;
    private final SituationSettings settings;

    private Situation(EntityRef<WarningBoard.Command> warningBoard, EntityRef<TrafficBoard.Command> trafficBoard,
                      WarningCache warnings, ActorRef<WarningLinker.Command> linker, SituationSettings settings) {
        this.warningBoard = warningBoard;
        this.trafficBoard = trafficBoard;
        this.warnings = warnings;
        this.linker = linker;
        this.settings = settings;
    }

    /**
     * Starts the boards' shard regions, the cache's refresher and the linker on
     * this node. The incident shard region must be started too ({@code IncidentActor.init}).
     *
     * @param ancestors a county code → the codes of its city and province
     */
    public static Situation start(ActorSystem<?> system, SituationSettings settings, Clock clock,
                                  OpenIncidents openIncidents, Function<String, Set<String>> ancestors) {
        WarningBoard.init(system, settings, clock);
        TrafficBoard.init(system, settings, clock);
        WarningCache cache = WarningCache.start(system, settings, clock);
        ActorRef<WarningLinker.Command> linker = WarningLinker.start(system, cache, openIncidents, ancestors, settings);
        return new Situation(WarningBoard.province(system), TrafficBoard.province(system), cache, linker, settings);
    }

    /**
     * Applies a validated warning; completes once it is durable. A change (not
     * a duplicate) triggers a link pass, which also refreshes this node's cache.
     */
    public CompletionStage<WarningBoard.WarningApplied> applyWarning(String messageId, byte[] warningProto) {
        return warningBoard.<WarningBoard.WarningApplied>askWithStatus(
                        replyTo -> new WarningBoard.ApplyWarning(messageId, warningProto, replyTo), settings.askTimeout())
                .thenApply(applied -> {
                    if (!applied.duplicate()) {
                        linker.tell(new WarningLinker.Reconcile());
                    }
                    return applied;
                });
    }

    public CompletionStage<TrafficBoard.TrafficConditionApplied> applyTrafficCondition(String messageId,
                                                                                      byte[] conditionProto) {
        return trafficBoard.askWithStatus(
                replyTo -> new TrafficBoard.ApplyTrafficCondition(messageId, conditionProto, replyTo), settings.askTimeout());
    }

    /** The traffic conditions valid at {@code at}, straight from the board. */
    public CompletionStage<TrafficConditions> trafficConditions(Instant at) {
        return trafficBoard.ask(replyTo -> new TrafficBoard.GetTrafficConditions(at, replyTo), settings.askTimeout());
    }

    /** This node's warnings in force (eventually consistent, see {@link WarningCache}). */
    public WarningCache warnings() {
        return warnings;
    }

    public ActorRef<WarningLinker.Command> linker() {
        return linker;
    }
}
