package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;

import java.util.List;

/** Builds the {@link Rejection} a sender gets back, in the shape the contract fixes. */
public final class Rejections {

    private Rejections() {
    }

    /**
     * A rejection whose code, field path and reason repeat the first violation
     * and that lists all of them. Retryable only when the first code says the
     * message itself was fine (RATE_LIMITED, UNAVAILABLE).
     *
     * @throws IllegalArgumentException when {@code violations} is empty: a rejection must say why
     */
    public static Rejection of(String messageId, List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("violations is empty; a rejection needs at least one");
        }
        Violation first = violations.get(0);
        return Rejection.newBuilder()
                .setMessageId(messageId == null ? "" : messageId)
                .setCode(first.getCode())
                .setFieldPath(first.getFieldPath())
                .setReason(first.getReason())
                .addAllViolations(violations)
                .setRetryable(isRetryable(first.getCode()))
                .build();
    }

    /** A rejection with a single violation, e.g. RATE_LIMITED or UNAVAILABLE from the gateway. */
    public static Rejection of(String messageId, RejectionCode code, String fieldPath, String reason) {
        return of(messageId, List.of(Violation.newBuilder()
                .setCode(code)
                .setFieldPath(fieldPath == null ? "" : fieldPath)
                .setReason(reason == null ? "" : reason)
                .build()));
    }

    public static boolean isRetryable(RejectionCode code) {
        return code == RejectionCode.REJECTION_CODE_RATE_LIMITED || code == RejectionCode.REJECTION_CODE_UNAVAILABLE;
    }
}
