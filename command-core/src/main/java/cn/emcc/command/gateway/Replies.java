package cn.emcc.command.gateway;

import cn.emcc.protocols.v1.Ack;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import com.google.protobuf.Timestamp;

import java.time.Instant;

/** Builds the frames the gateway answers with. */
final class Replies {

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

    static GatewayFrame reject(Rejection rejection) {
        return GatewayFrame.newBuilder().setRejection(rejection).build();
    }

    /** emcc could not make the effect durable in time: nothing is acknowledged, the sender resends. */
    static GatewayFrame unavailable(String messageId, Throwable cause) {
        return reject(messageId, RejectionCode.REJECTION_CODE_UNAVAILABLE, "",
                "not stored yet, resend later (" + cause.getClass().getSimpleName() + ")");
    }
}
