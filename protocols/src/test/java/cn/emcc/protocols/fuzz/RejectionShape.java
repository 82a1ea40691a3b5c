package cn.emcc.protocols.fuzz;

import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every rejection must look like, whatever it answers: a code, a field and a reason a person can act on. */
public final class RejectionShape {

    /** Codes about the whole frame, not a field in it: their field path is empty by contract. */
    private static final Set<RejectionCode> WHOLE_FRAME = Set.of(
            RejectionCode.REJECTION_CODE_MALFORMED, RejectionCode.REJECTION_CODE_TOO_LARGE);

    /** Long enough for any reason; short enough that a rejection never echoes a hostile input back in full. */
    public static final int MAX_REASON_CHARS = 1_000;

    private RejectionShape() {
    }

    public static void check(Rejection r) {
        assertThat(r.getViolationsList()).as("violations of %s", r).isNotEmpty();
        Violation first = r.getViolations(0);
        assertThat(r.getCode()).isEqualTo(first.getCode());
        assertThat(r.getFieldPath()).isEqualTo(first.getFieldPath());
        assertThat(r.getReason()).isEqualTo(first.getReason());
        for (Violation v : r.getViolationsList()) {
            assertThat(v.getCode()).as("code of %s", v)
                    .isNotIn(RejectionCode.REJECTION_CODE_UNSPECIFIED, RejectionCode.UNRECOGNIZED);
            assertThat(v.getReason()).as("reason of %s", v).isNotBlank();
            assertThat(v.getReason().length()).as("length of the reason of %s", v.getFieldPath())
                    .isLessThanOrEqualTo(MAX_REASON_CHARS);
            if (!WHOLE_FRAME.contains(v.getCode())) {
                assertThat(v.getFieldPath()).as("field of %s", v).isNotBlank();
            }
        }
    }
}
