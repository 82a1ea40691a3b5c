package cn.emcc.command.incident;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * What officers do to incidents, as asks to the sharded entities. Merge and
 * split touch two incidents; each is done in two idempotent steps so that
 * repeating a half-finished one completes it instead of doing it twice.
 */
public final class IncidentCommands {

    private final ClusterSharding sharding;
    private final Duration timeout;

    public IncidentCommands(ClusterSharding sharding, Duration timeout) {
        this.sharding = sharding;
        this.timeout = timeout;
    }

    private EntityRef<IncidentActor.Command> incident(String id) {
        return sharding.entityRefFor(IncidentActor.ENTITY_TYPE_KEY, id);
    }

    public CompletionStage<IncidentDetails> get(String id) {
        return incident(id).askWithStatus(IncidentActor.GetIncident::new, timeout);
    }

    /**
     * The incident as its entity holds it now, empty when there is no such
     * incident. Unlike the read side, it knows an incident the moment its
     * opening was acknowledged.
     */
    public CompletionStage<Optional<IncidentDetails>> find(String id) {
        return get(id).thenApply(Optional::of).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (IncidentActor.isNotFound(cause)) {
                return Optional.empty();
            }
            throw new CompletionException(cause);
        });
    }

    public CompletionStage<IncidentDetails> changeStatus(String id, IncidentStatus to, Who by, String why) {
        return incident(id).askWithStatus(r -> new IncidentActor.ChangeStatus(to, by, why, r), timeout);
    }

    public CompletionStage<IncidentDetails> overrideGrade(String id, Grade grade, Who by, String why) {
        return incident(id).askWithStatus(r -> new IncidentActor.OverrideGrade(grade, by, why, r), timeout);
    }

    public CompletionStage<IncidentDetails> liftGradeOverride(String id, Who by, String why) {
        return incident(id).askWithStatus(r -> new IncidentActor.LiftGradeOverride(by, why, r), timeout);
    }

    /** Adds an officer's note to the incident's timeline. */
    public CompletionStage<IncidentDetails> addNote(String id, Who by, String text) {
        return incident(id).askWithStatus(r -> new IncidentActor.AddNote(text, by, r), timeout);
    }

    /** {@code sourceId} becomes MERGED and its reports move to {@code targetId}. */
    public CompletionStage<IncidentDetails> merge(String sourceId, String targetId, Who by, String why) {
        return get(targetId).thenCompose(target -> incident(sourceId)
                .<IncidentActor.ReportsHandedOver>askWithStatus(r -> new IncidentActor.MergeInto(targetId, by, why, r), timeout)
                .thenCompose(handed -> incident(targetId).askWithStatus(
                        r -> new IncidentActor.AbsorbReports(sourceId, handed.reports(), by, why, r), timeout)));
    }

    /**
     * The named reports leave {@code sourceId} for a new incident whose id is
     * derived from the source and the reports, so a repeated split lands on
     * the same new incident.
     */
    public CompletionStage<IncidentDetails> split(String sourceId, Set<String> messageIds, Who by, String why,
                                                  List<WarningInForce> warnings) {
        String newId = splitId(sourceId, messageIds);
        return get(sourceId).thenCompose(source -> incident(sourceId)
                .<IncidentActor.ReportsHandedOver>askWithStatus(r -> new IncidentActor.SplitOff(messageIds, newId, by, why, r), timeout)
                .thenCompose(handed -> incident(newId).askWithStatus(r -> new IncidentActor.OpenFromSplit(
                        sourceId, handed.reports(), source.cityAdcode(), by, why, warnings, r), timeout)));
    }

    static String splitId(String sourceId, Set<String> messageIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : new TreeSet<>(messageIds)) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return sourceId + "-s" + HexFormat.of().formatHex(sha.digest(), 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
