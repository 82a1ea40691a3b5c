package cn.emcc.bench.ingest;

import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Duration;
import java.util.Set;

/**
 * The peer of the ingest benchmark: the plainest sharded event-sourced entity
 * there is. Each command persists one small event and is answered after it;
 * events are tagged in slices like incidents, and snapshots and supervision
 * are set as incidents have them. Whatever this reaches on a journal is the
 * floor a design of one event per ask cannot beat.
 */
public final class JournalFloor
        extends EventSourcedBehaviorWithEnforcedReplies<JournalFloor.Command, JournalFloor.Event, JournalFloor.State> {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "BenchJournalFloor");

    private static final int TAG_SLICES = 4;

    public sealed interface Command extends CborSerializable {
    }

    public record Record(String requestId, ActorRef<Recorded> replyTo) implements Command {
    }

    public record Recorded(String entityId, int count) implements CborSerializable {
    }

    public sealed interface Event extends CborSerializable {
    }

    public record RequestRecorded(String requestId) implements Event {
    }

    public record State(int count) implements CborSerializable {
    }

    public static void init(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY, ctx -> create(ctx.getEntityId())));
    }

    public static Behavior<Command> create(String entityId) {
        return new JournalFloor(entityId);
    }

    private final String entityId;

    private JournalFloor(String entityId) {
        super(PersistenceId.of(ENTITY_TYPE_KEY.name(), entityId),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
        this.entityId = entityId;
    }

    @Override
    public State emptyState() {
        return new State(0);
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of("bench-floor-" + Math.floorMod(entityId.hashCode(), TAG_SLICES));
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Record.class, (s, c) -> Effect().persist(new RequestRecorded(c.requestId()))
                        .thenReply(c.replyTo(), st -> new Recorded(entityId, st.count())))
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(RequestRecorded.class, (s, e) -> new State(s.count() + 1))
                .build();
    }
}
