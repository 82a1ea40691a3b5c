package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RejectionsTest {

    private static Violation violation(RejectionCode code, String path) {
        return Violation.newBuilder().setCode(code).setFieldPath(path).setReason(path + " is wrong").build();
    }

    @Test
    void repeatsTheFirstViolationAndListsThemAll() {
        List<Violation> violations = List.of(
                violation(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, "unit_position.speed_kmh"),
                violation(RejectionCode.REJECTION_CODE_MISSING_FIELD, "unit_position.unit_id"));

        Rejection r = Rejections.of("m-1", violations);

        assertThat(r.getMessageId()).isEqualTo("m-1");
        assertThat(r.getCode()).isEqualTo(RejectionCode.REJECTION_CODE_OUT_OF_RANGE);
        assertThat(r.getFieldPath()).isEqualTo("unit_position.speed_kmh");
        assertThat(r.getReason()).isEqualTo("unit_position.speed_kmh is wrong");
        assertThat(r.getViolationsList()).isEqualTo(violations);
        assertThat(r.getRetryable()).isFalse();
    }

    @Test
    void onlyRateLimitedAndUnavailableAreRetryable() {
        for (RejectionCode code : RejectionCode.values()) {
            if (code == RejectionCode.UNRECOGNIZED) {
                continue;
            }
            Rejection r = Rejections.of("m-1", code, "", "because");
            boolean expected = code == RejectionCode.REJECTION_CODE_RATE_LIMITED
                    || code == RejectionCode.REJECTION_CODE_UNAVAILABLE;
            assertThat(r.getRetryable()).as(code.name()).isEqualTo(expected);
        }
    }

    @Test
    void aNullMessageIdBecomesEmpty() {
        assertThat(Rejections.of(null, RejectionCode.REJECTION_CODE_MALFORMED, null, "x").getMessageId()).isEmpty();
    }

    @Test
    void aRejectionWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> Rejections.of("m-1", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("violations is empty");
    }
}
