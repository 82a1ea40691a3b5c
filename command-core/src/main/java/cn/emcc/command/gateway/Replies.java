package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import cn.emcc.command.http.ErrorReferences;
import com.google.protobuf.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Builds the frames the gateway answers with; none carries an exception of ours to the sender. */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    /** The fixed words before the retry hint in a RATE_LIMITED reason, for clients that read it. */
    static final String RETRY_AFTER = "retry after ";

    private Replies() {
    }

    static GatewayFrame ack(String messageId, Instant at, boolean duplicate, String effectRef) {
        return GatewayFrame.newBuilder().setAck(Ack.newBuilder()
                .setMessageId(messageId)
                .setAcceptedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setDuplicate(duplicate)
                .setEffectRef(effectRef == null ? "" : effectRef)).build();
    }

    static GatewayFrame reject(String messageId, RejectionCode code, String fieldPath, String reason) {
        boolean retryable = code == RejectionCode.REJECTION_CODE_RATE_LIMITED
                || code == RejectionCode.REJECTION_CODE_UNAVAILABLE;
        return GatewayFrame.newBuilder().setRejection(Rejection.newBuilder()
                .setMessageId(messageId == null ? "" : messageId)
                .setCode(code).setFieldPath(fieldPath).setReason(reason).setRetryable(retryable)
                .addViolations(Violation.newBuilder().setCode(code).setFieldPath(fieldPath).setReason(reason)))
                .build();
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond)
                : String.format(java.util.Locale.ROOT, "%.2f", perSecond);
    }

    static GatewayFrame reject(Rejection rejection) {
        return GatewayFrame.newBuilder().setRejection(rejection).build();
    }

    /**
     * emcc could not make the effect durable in time: nothing is acknowledged, the sender resends.
     * The cause goes to the log under a reference the sender also gets, never to the sender itself.
     */
    static GatewayFrame unavailable(String messageId, Throwable cause) {
        String reference = ErrorReferences.next();
        log.warn("[{}] message '{}' not handled, answered UNAVAILABLE: {}", reference, messageId, cause.toString(), cause);
        return reject(messageId, RejectionCode.REJECTION_CODE_UNAVAILABLE, "",
                "not stored yet, resend later (reference " + reference + ")");
    }

    /** The sender is over its message rate: nothing was read beyond the message id; resend after {@code wait}. */
    static GatewayFrame rateLimited(String messageId, String agencySystem, double perSecond, Duration wait) {
        long millis = Math.max(1, (wait.toNanos() + 999_999) / 1_000_000);
        return reject(messageId, RejectionCode.REJECTION_CODE_RATE_LIMITED, "",
                "agency system " + agencySystem + " is over its rate of " + rate(perSecond)
                        + " messages/s on this node; nothing was done with this message; "
                        + RETRY_AFTER + millis + " ms");
    }
}
