package cn.emcc.command.escalation;

import cn.emcc.command.audit.AuditActor;
import cn.emcc.command.audit.AuditLog;
import cn.emcc.command.audit.AuditRecord;
import cn.emcc.command.audit.Outcome;
import cn.emcc.command.http.EdgeErrors;
import cn.emcc.command.nodes.NodeStreamRoutes.NodeRequest;
import cn.emcc.command.officers.Officer;
import cn.emcc.protocols.v1.AcknowledgeEscalation;
import cn.emcc.protocols.v1.RejectionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Acknowledgements a node's system sends in a frame of its stream (an
 * AcknowledgeEscalation after the first frame). One is recorded as acknowledged
 * by the stream's officer (the field {@code by} is not trusted) when that
 * officer is a duty officer (a role that acts) of the node itself, names an
 * incident and the current revision of its notice. Each is answered on the same
 * connection, RequestAccepted or RequestRefused (code, field path, reason), and
 * audited in the audit log: {@code action} {@code stream AcknowledgeEscalation},
 * {@code target} {@code <node>/<incident>#<revision>}, the officer, the peer
 * address, and {@code ACCEPTED} or the refusal's code. With
 * {@code reply-waits-for-audit} the answer leaves once the entry is durable.
 */
public final class StreamAcknowledgements implements Consumer<NodeRequest> {

    private static final Logger log = LoggerFactory.getLogger(StreamAcknowledgements.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    static final String ACTION = "stream AcknowledgeEscalation";

    private final EscalationCommands commands;
    private final AuditLog audit;

    public StreamAcknowledgements(EscalationCommands commands, AuditLog audit) {
        this.commands = commands;
        this.audit = audit;
    }

    @Override
    public void accept(NodeRequest request) {
        if (!request.request().hasAcknowledge()) {
            return; // the stream refuses such frames itself
        }
        AcknowledgeEscalation ack = request.request().getAcknowledge();
        Officer officer = request.officer();
        String node = request.nodeAdcode();
        if (!officer.role().acts()) {
            refuse(request, RejectionCode.REJECTION_CODE_NOT_PERMITTED, "acknowledge", "role " + officer.role()
                    + " may not acknowledge escalation notices; expected a duty officer of " + node);
        } else if (!officer.adcode().equals(node)) {
            refuse(request, RejectionCode.REJECTION_CODE_NOT_PERMITTED, "acknowledge", "officer of "
                    + officer.adcode() + " cannot acknowledge for node " + node + "; expected a duty officer of " + node);
        } else if (ack.getIncidentId().isEmpty()) {
            refuse(request, RejectionCode.REJECTION_CODE_MISSING_FIELD, "acknowledge.incident_id",
                    "required: the incident whose notice is acknowledged");
        } else if (!ID.matcher(ack.getIncidentId()).matches()) {
            refuse(request, RejectionCode.REJECTION_CODE_INVALID_FORMAT, "acknowledge.incident_id",
                    "not an incident id: '" + ack.getIncidentId() + "'");
        } else if (ack.getRevision() == 0) {
            refuse(request, RejectionCode.REJECTION_CODE_MISSING_FIELD, "acknowledge.revision",
                    "required: the revision of the notice acknowledged (1 or more)");
        } else {
            commands.acknowledge(node, ack.getIncidentId(), ack.getRevision(), officer.who())
                    .whenComplete((notice, failure) -> {
                        if (failure == null) {
                            done(request, Outcome.ALLOWED, "ACCEPTED", () -> request.accepted(ack.toBuilder()
                                    .setBy(notice.acknowledgedBy() == null ? officer.username()
                                            : notice.acknowledgedBy()).build()));
                        } else {
                            refuseFailed(request, failure);
                        }
                    });
        }
    }

    /** A refusal of the desk, or no answer from it. */
    private void refuseFailed(NodeRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof TimeoutException || !EdgeErrors.isRefusal(cause)) {
            log.warn("acknowledgement of {} at node {}: {}", request.request().getAcknowledge().getIncidentId(),
                    request.nodeAdcode(), cause.toString());
            refuse(request, RejectionCode.REJECTION_CODE_UNAVAILABLE, "", "not recorded now; send it again");
        } else if (message.contains("does not exist")) {
            refuse(request, RejectionCode.REJECTION_CODE_UNKNOWN_REFERENCE, "acknowledge.incident_id", message);
        } else {
            refuse(request, RejectionCode.REJECTION_CODE_INCONSISTENT, "acknowledge.revision", message);
        }
    }

    private void refuse(NodeRequest request, RejectionCode code, String field, String reason) {
        Outcome outcome = code == RejectionCode.REJECTION_CODE_NOT_PERMITTED ? Outcome.DENIED : Outcome.FAILED;
        done(request, outcome, code.name().replace("REJECTION_CODE_", ""), () -> request.refused(code, field, reason));
    }

    /** Audits the acknowledgement, then answers (once the entry is durable when the settings say so). */
    private void done(NodeRequest request, Outcome outcome, String code, Runnable answer) {
        Officer o = request.officer();
        AcknowledgeEscalation ack = request.request().getAcknowledge();
        AuditRecord record = new AuditRecord(AuditActor.officer(o.username(), o.role().name(), o.adcode()), ACTION,
                request.nodeAdcode() + "/" + ack.getIncidentId() + "#" + ack.getRevision(), request.from(), outcome,
                code, audit.clock().instant());
        CompletionStage<?> durable = audit.append(record);
        if (!audit.settings().replyWaitsForAudit()) {
            answer.run();
        }
        durable.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.error("audit entry not stored: {} {} by {} -> {}: {}", record.action(), record.target(),
                        record.actor().who(), record.code(), failure.toString());
            }
            if (audit.settings().replyWaitsForAudit()) {
                answer.run();
            }
        });
    }
}
