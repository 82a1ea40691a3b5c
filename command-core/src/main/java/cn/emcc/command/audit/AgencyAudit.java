package cn.emcc.command.audit;

import cn.emcc.command.gateway.AgencyIdentity;
import cn.emcc.command.gateway.GatewayAudit;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every frame the agency gateway answered: the agency system
 * ({@code who} its credential name, {@code role} its agency, {@code adcode} its
 * jurisdiction), {@code action} {@code agency <KIND>}, {@code target} the message
 * id, and the reply: an Ack is ALLOWED ({@code ACK}, or {@code ACK_DUPLICATE}),
 * a refusal of right (NOT_PERMITTED, UNAUTHENTICATED, RATE_LIMITED) DENIED, any
 * other rejection FAILED, with the rejection code. With {@code reply-waits-for-audit}
 * an Ack leaves only once its entry is durable, and becomes UNAVAILABLE (resend)
 * when the entry could not be stored.
 */
public final class AgencyAudit implements GatewayAudit {

    private static final Logger log = LoggerFactory.getLogger(AgencyAudit.class);
    private static final Set<RejectionCode> DENIALS = Set.of(RejectionCode.REJECTION_CODE_NOT_PERMITTED,
            RejectionCode.REJECTION_CODE_UNAUTHENTICATED, RejectionCode.REJECTION_CODE_RATE_LIMITED);

    private final AuditLog audit;

    public AgencyAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public CompletionStage<GatewayFrame> answered(AgencyIdentity who, String from, byte[] frame, GatewayFrame reply) {
        AuditRecord record = recordOf(who, from, frame, reply);
        CompletionStage<?> durable = audit.append(record);
        if (!audit.settings().replyWaitsForAudit()) {
            durable.whenComplete((done, failure) -> logFailure(record, failure));
            return CompletableFuture.completedFuture(reply);
        }
        return durable.handle((done, failure) -> {
            if (failure == null) {
                return reply;
            }
            logFailure(record, failure);
            // The effect is durable but its audit entry is not: no Ack, so the agency resends,
            // is acknowledged as a duplicate and audited then.
            return reply.hasAck() ? unavailable(record.target()) : reply;
        });
    }

    AuditRecord recordOf(AgencyIdentity who, String from, byte[] frame, GatewayFrame reply) {
        String kind = "UNREADABLE";
        String messageId = "";
        try {
            if (frame.length == 0) {
                throw new InvalidProtocolBufferException("frame not read");
            }
            // Parsed again rather than passed from Ingest, to keep the gateway's hook to one call;
            // a few microseconds next to the journal write the Ack waits for.
            Envelope envelope = Envelope.parseFrom(frame);
            kind = envelope.getKind().name().replace("MESSAGE_KIND_", "");
            messageId = envelope.getMessageId();
        } catch (InvalidProtocolBufferException e) {
            // kept as UNREADABLE: the reply says why (too large, text frame, not protobuf)
        }
        Outcome outcome;
        String code;
        if (reply.hasAck()) {
            outcome = Outcome.ALLOWED;
            code = reply.getAck().getDuplicate() ? "ACK_DUPLICATE" : "ACK";
            messageId = reply.getAck().getMessageId();
        } else {
            Rejection r = reply.getRejection();
            outcome = DENIALS.contains(r.getCode()) ? Outcome.DENIED : Outcome.FAILED;
            code = r.getCode().name().replace("REJECTION_CODE_", "");
            messageId = r.getMessageId().isEmpty() ? messageId : r.getMessageId();
        }
        return new AuditRecord(actorOf(who), "agency " + kind, messageId, from, outcome, code, audit.clock().instant());
    }

    /** An admitted agency system as the audit log names it. */
    public static AuditActor actorOf(AgencyIdentity who) {
        return AuditActor.agency(who.name(), who.agency().name().replace("AGENCY_", ""), jurisdictionOf(who));
    }

    // One adcode per entry for the query's subtree filter: the agency's own jurisdiction, or the
    // province when its credential covers several.
    private static String jurisdictionOf(AgencyIdentity who) {
        if (who.jurisdictions().size() == 1) {
            return who.jurisdictions().iterator().next();
        }
        return who.jurisdictions().stream().findAny().map(a -> a.substring(0, 2) + "0000").orElse("");
    }

    private static GatewayFrame unavailable(String messageId) {
        String reason = "not recorded in the audit log yet, resend later";
        return GatewayFrame.newBuilder().setRejection(Rejection.newBuilder().setMessageId(messageId)
                .setCode(RejectionCode.REJECTION_CODE_UNAVAILABLE).setReason(reason).setRetryable(true)
                .addViolations(Violation.newBuilder().setCode(RejectionCode.REJECTION_CODE_UNAVAILABLE)
                        .setReason(reason))).build();
    }

    private static void logFailure(AuditRecord record, Throwable failure) {
        if (failure != null) {
            log.error("audit entry not stored: {} {} by {} -> {}: {}", record.action(), record.target(),
                    record.actor().who(), record.code(), failure.toString());
        }
    }
}
