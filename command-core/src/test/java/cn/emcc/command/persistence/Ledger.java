package cn.emcc.command.persistence;

import cn.emcc.command.serialization.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Test-only event-sourced entity for storage tests: an ordered list of entries,
 * snapshotted every {@value #SNAPSHOT_EVERY} events. It reports each completed snapshot
 * and how many events it applied since it started, so a test sees what recovery read
 * from the snapshot store and what from the journal.
 */
final class Ledger extends EventSourcedBehaviorWithEnforcedReplies<Ledger.Command, Ledger.Event, Ledger.State> {

    static final int SNAPSHOT_EVERY = 3;

    sealed interface Command extends CborSerializable {
    }

    record RecordEntry(String entry, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    record GetEntries(ActorRef<Entries> replyTo) implements Command {
    }

    record Entries(List<String> entries, int eventsAppliedSinceStart) implements CborSerializable {
    }

    sealed interface Event extends CborSerializable {
    }

    record EntryRecorded(String entry) implements Event {
    }

    record State(List<String> entries) implements CborSerializable {
        State with(String entry) {
            List<String> more = new ArrayList<>(entries);
            more.add(entry);
            return new State(List.copyOf(more));
        }
    }

    private final ActorRef<Long> snapshotsTaken;
    // Not state: counts this incarnation's event handler calls, i.e. the replayed events.
    private int eventsAppliedSinceStart;

    private Ledger(String ledgerId, ActorRef<Long> snapshotsTaken) {
        super(PersistenceId.of("Ledger", ledgerId));
        this.snapshotsTaken = snapshotsTaken;
    }

    static Behavior<Command> create(String ledgerId, ActorRef<Long> snapshotsTaken) {
        return new Ledger(ledgerId, snapshotsTaken);
    }

    @Override
    public State emptyState() {
        return new State(List.of());
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(RecordEntry.class, (state, command) -> Effect()
                        .persist(new EntryRecorded(command.entry()))
                        .thenReply(command.replyTo(), updated -> StatusReply.ack()))
                .onCommand(GetEntries.class, (state, command) -> Effect()
                        .reply(command.replyTo(), new Entries(state.entries(), eventsAppliedSinceStart)))
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(EntryRecorded.class, (state, event) -> {
                    eventsAppliedSinceStart++;
                    return state.with(event.entry());
                })
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(SnapshotCompleted.class, (state, completed) ->
                        snapshotsTaken.tell(completed.metadata().sequenceNr()))
                .build();
    }
}
