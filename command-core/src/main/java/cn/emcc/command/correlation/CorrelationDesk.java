package cn.emcc.command.correlation;

import cn.emcc.command.incident.Report;
import cn.emcc.command.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The correlation desk of one county: every report placed in the county passes
 * here, and the desk decides, once and durably, which incident it belongs to.
 * The decision is keyed by the report's message id, so a resend (after a lost
 * Ack, or a restart) gets the same incident and never opens a second one.
 * It also hands out incident ids: {@code <county>-<yyyyMMdd>-<seq>}.
 *
 * <p>Reports that arrive while the desk is writing are decided together and
 * written in one batch (see {@link DeskJournal}): a county's reports are
 * decided one after another, so without batching a busy county could take no
 * more reports per second than its journal has round trips.
 */
public final class CorrelationDesk {

    public static final EntityTypeKey<Command> ENTITY_TYPE_KEY = EntityTypeKey.create(Command.class, "CorrelationDesk");

    /** Most reports decided in one write; more wait for the next. */
    static final int MAX_BATCH = 256;

    // ---------------------------------------------------------------- protocol

    public sealed interface Command extends CborSerializable {
    }

    /**
     * Decide the incident for this report. {@code endedIncidentId}, when set,
     * names an incident that refused the report because it has ended: the desk
     * forgets it and decides again.
     */
    public record RouteReport(Report report, String endedIncidentId, ActorRef<Routed> replyTo) implements Command {
    }

    /** @param opensIncident the report is the first of a new incident */
    public record Routed(String incidentId, boolean opensIncident, String reason, boolean repeated)
            implements CborSerializable {
    }

    /** The desk's journal has written batch {@code batch}: one answer per report, in order. */
    public record BatchRouted(long batch, List<Routed> routed) implements Command {
        public BatchRouted {
            routed = List.copyOf(routed);
        }
    }

    /** The desk's journal did not answer batch {@code batch} in time; its senders time out and resend. */
    public record BatchUnanswered(long batch, String why) implements Command {
    }

    // -------------------------------------------------- events and state (journal)

    public sealed interface Event extends CborSerializable {
    }

    public record ReportRouted(String messageId, String incidentId, boolean opensIncident, String reason,
                               OpenIncidentSummary summary, int sequenceOfDay, LocalDate day) implements Event {
    }

    public record IncidentEnded(String incidentId) implements Event {
    }

    /** @param decisions message id → the routing decision and when the report was made */
    public record State(Map<String, OpenIncidentSummary> open, Map<String, Decision> decisions,
                        LocalDate day, int sequenceOfDay) implements CborSerializable {
    }

    public record Decision(String incidentId, boolean opensIncident, String reason, Instant reportedAt)
            implements CborSerializable {
    }

    // -------------------------------------------------------------- the entity

    /** {@code batchTimeout}: how long a batch may take before the desk writes the next (use the ask timeout). */
    public static void init(ActorSystem<?> system, Correlator correlator, Duration maxWindow, Duration batchTimeout) {
        ClusterSharding.get(system).init(Entity.of(ENTITY_TYPE_KEY,
                ctx -> create(ctx.getEntityId(), correlator, maxWindow, batchTimeout)));
    }

    public static Behavior<Command> create(String countyAdcode, Correlator correlator, Duration maxWindow,
                                           Duration batchTimeout) {
        return Behaviors.setup(ctx -> {
            ActorRef<DeskJournal.Command> journal =
                    ctx.spawn(DeskJournal.create(countyAdcode, correlator, maxWindow), "journal");
            return new Batching(ctx, journal, batchTimeout).behavior();
        });
    }

    private CorrelationDesk() {
    }

    /**
     * Keeps at most one batch at the journal; reports arriving meanwhile wait
     * and go together in the next. Answers each report only from its journal's
     * answer, i.e. after its decision is durable.
     */
    private static final class Batching {
        private final ActorContext<Command> ctx;
        private final ActorRef<DeskJournal.Command> journal;
        private final Duration batchTimeout;
        private final List<RouteReport> waiting = new ArrayList<>();
        private List<RouteReport> writing = List.of();
        private long batch;

        Batching(ActorContext<Command> ctx, ActorRef<DeskJournal.Command> journal, Duration batchTimeout) {
            this.ctx = ctx;
            this.journal = journal;
            this.batchTimeout = batchTimeout;
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(RouteReport.class, this::onRoute)
                    .onMessage(BatchRouted.class, this::onWritten)
                    .onMessage(BatchUnanswered.class, this::onUnanswered)
                    .build();
        }

        private Behavior<Command> onRoute(RouteReport r) {
            waiting.add(r);
            if (writing.isEmpty()) {
                writeNext();
            }
            return Behaviors.same();
        }

        private Behavior<Command> onWritten(BatchRouted written) {
            if (written.batch() != batch || writing.isEmpty()) {
                return Behaviors.same(); // a batch given up on; its senders have resent
            }
            for (int i = 0; i < writing.size(); i++) {
                writing.get(i).replyTo().tell(written.routed().get(i));
            }
            writing = List.of();
            writeNext();
            return Behaviors.same();
        }

        private Behavior<Command> onUnanswered(BatchUnanswered failed) {
            if (failed.batch() == batch && !writing.isEmpty()) {
                ctx.getLog().warn("correlation desk {}: batch of {} reports unanswered ({}); its senders will resend",
                        ctx.getSelf().path().name(), writing.size(), failed.why());
                writing = List.of();
                writeNext();
            }
            return Behaviors.same();
        }

        private void writeNext() {
            if (waiting.isEmpty()) {
                return;
            }
            int n = Math.min(waiting.size(), MAX_BATCH);
            List<RouteReport> next = List.copyOf(waiting.subList(0, n));
            waiting.subList(0, n).clear();
            writing = next;
            long number = ++batch;
            ctx.ask(BatchRouted.class, journal, batchTimeout,
                    replyTo -> new DeskJournal.RouteBatch(number, next, replyTo),
                    (written, error) -> written != null ? written : new BatchUnanswered(number, String.valueOf(error)));
        }
    }
}
