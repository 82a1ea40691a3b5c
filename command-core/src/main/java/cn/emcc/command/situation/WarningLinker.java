package cn.emcc.command.situation;

import cn.emcc.command.incident.IncidentActor;
import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Keeps open incidents linked to the warnings that cover them. A pass
 * re-reads the warning board (refreshing this node's {@link WarningCache}),
 * tests every open incident and sends {@code UpdateWarnings} to those whose
 * links differ, at most {@code link-parallelism} asks at a time. Passes run
 * after every applied warning and every {@code link-interval}; they never
 * overlap, because an older pass finishing late would link stale warnings.
 * A request during a pass is served by one more pass right after it.
 * Needs the incident shard region started on this node ({@code IncidentActor.init}).
 */
public final class WarningLinker extends AbstractBehavior<WarningLinker.Command> {

    public sealed interface Command {
    }

    /** Run a pass soon (the gateway sends this after applying a warning). */
    public record Reconcile() implements Command, CborSerializable {
    }

    /** Run a pass and say what it did once a pass that started after this request has finished. */
    public record ReconcileAndReport(ActorRef<StatusReply<LinkPass>> replyTo) implements Command, CborSerializable {
    }

    private enum Tick implements Command, NoSerializationVerificationNeeded { INSTANCE }

    private record PassFinished(LinkPass pass, Throwable failure) implements Command, NoSerializationVerificationNeeded {
    }

    /** Starts this node's linker, with its timer. */
    public static ActorRef<Command> start(ActorSystem<?> system, WarningCache cache, OpenIncidents open,
                                          Function<String, Set<String>> ancestors, SituationSettings settings) {
        return system.systemActorOf(create(cache, open, ancestors, settings), "warning-linker", Props.empty());
    }

    public static Behavior<Command> create(WarningCache cache, OpenIncidents open,
                                           Function<String, Set<String>> ancestors, SituationSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, settings.linkInterval());
            return new WarningLinker(ctx, cache, open, ancestors, settings);
        }));
    }

    private final WarningCache cache;
    private final OpenIncidents open;
    private final Function<String, Set<String>> ancestors;
    private final SituationSettings settings;
    private final ClusterSharding sharding;
    private final Executor blocking;

    private boolean running;
    private boolean again;
    private List<ActorRef<StatusReply<LinkPass>>> waitingForThisPass = new ArrayList<>();
    private List<ActorRef<StatusReply<LinkPass>>> waitingForNextPass = new ArrayList<>();

    private WarningLinker(ActorContext<Command> ctx, WarningCache cache, OpenIncidents open,
                          Function<String, Set<String>> ancestors, SituationSettings settings) {
        super(ctx);
        this.cache = cache;
        this.open = open;
        this.ancestors = ancestors;
        this.settings = settings;
        this.sharding = ClusterSharding.get(ctx.getSystem());
        // The read side behind OpenIncidents may block; keep it off the actors' threads.
        this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Reconcile.class, r -> request(null))
                .onMessage(Tick.class, t -> request(null))
                .onMessage(ReconcileAndReport.class, r -> request(r.replyTo()))
                .onMessage(PassFinished.class, this::finished)
                .build();
    }

    private Behavior<Command> request(ActorRef<StatusReply<LinkPass>> replyTo) {
        if (running) {
            again = true;
            if (replyTo != null) {
                waitingForNextPass.add(replyTo);
            }
        } else {
            if (replyTo != null) {
                waitingForThisPass.add(replyTo);
            }
            startPass();
        }
        return this;
    }

    private Behavior<Command> finished(PassFinished f) {
        if (f.failure() != null) {
            getContext().getLog().warn("warning link pass failed; the next pass retries: {}", f.failure().toString());
        } else if (f.pass().updated() > 0 || f.pass().failed() > 0) {
            getContext().getLog().info("warning links: {} open, {} relinked, {} did not answer",
                    f.pass().open(), f.pass().updated(), f.pass().failed());
        }
        StatusReply<LinkPass> reply = f.failure() == null
                ? StatusReply.success(f.pass())
                : StatusReply.error("warning link pass failed: " + f.failure());
        waitingForThisPass.forEach(r -> r.tell(reply));
        waitingForThisPass = waitingForNextPass;
        waitingForNextPass = new ArrayList<>();
        running = false;
        if (again) {
            again = false;
            startPass();
        }
        return this;
    }

    private void startPass() {
        running = true;
        CompletionStage<LinkPass> pass = cache.refresh().thenCompose(warnings ->
                CompletableFuture.supplyAsync(open::open, blocking).thenCompose(list -> relink(list, warnings)));
        getContext().pipeToSelf(pass, PassFinished::new);
    }

    private CompletionStage<LinkPass> relink(List<OpenIncidentRef> incidents, ActiveWarnings warnings) {
        return Source.from(WarningLinks.changes(incidents, warnings, ancestors))
                .mapAsyncUnordered(settings.linkParallelism(), this::update)
                .runFold(new LinkPass(incidents.size(), 0, 0), LinkPass::counting, getContext().getSystem());
    }

    private CompletionStage<Boolean> update(WarningLinks.Relink relink) {
        return sharding.entityRefFor(IncidentActor.ENTITY_TYPE_KEY, relink.incidentId())
                .<Done>ask(replyTo -> new IncidentActor.UpdateWarnings(relink.warnings(), replyTo), settings.askTimeout())
                .handle((done, failure) -> failure == null);
    }
}
