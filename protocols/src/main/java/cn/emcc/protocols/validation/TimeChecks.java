package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;

import java.time.Clock;
import java.time.Instant;

/**
 * Checks on times against our clock. Two kinds of time are told apart:
 * an observation (when something was sent, reported, fixed) cannot be more
 * than a clock skew in the future; a scheduled time (an expiry, a warning's
 * onset, a closure's end, an acknowledgement deadline) legitimately lies days
 * or months ahead.
 */
final class TimeChecks {

    private final Clock clock;
    private final ValidationLimits limits;

    TimeChecks(Clock clock, ValidationLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    Instant now() {
        return clock.instant();
    }

    /** An observation time within [now − maxAgePast, now + maxSkewFuture]; its instant, or null when unusable. */
    Instant observed(Violations v, String path, boolean present, Timestamp value, boolean required) {
        Instant at = readable(v, path, present, value, required);
        if (at == null) {
            return null;
        }
        Instant now = now();
        Instant earliest = now.minus(limits.maxAgePast());
        Instant latest = now.plus(limits.maxSkewFuture());
        if (at.isBefore(earliest) || at.isAfter(latest)) {
            v.add(RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, path,
                    path + " is " + at + "; expected between " + earliest + " and " + latest
                            + " (at most " + limits.maxAgePast() + " old, " + limits.maxSkewFuture() + " ahead)");
            return null;
        }
        return at;
    }

    /** A scheduled time within [now − maxAgePast, now + maxScheduledAhead]; its instant, or null when unusable. */
    Instant scheduled(Violations v, String path, boolean present, Timestamp value, boolean required) {
        Instant at = readable(v, path, present, value, required);
        if (at == null) {
            return null;
        }
        Instant now = now();
        Instant earliest = now.minus(limits.maxAgePast());
        Instant latest = now.plus(limits.maxScheduledAhead());
        if (at.isBefore(earliest) || at.isAfter(latest)) {
            v.add(RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, path,
                    path + " is " + at + "; expected between " + earliest + " and " + latest);
            return null;
        }
        return at;
    }

    /** INCONSISTENT when {@code later} is not after {@code earlier}; either may be null (unusable, skip). */
    void after(Violations v, String laterPath, Instant later, String earlierPath, Instant earlier) {
        if (later != null && earlier != null && !later.isAfter(earlier)) {
            v.add(RejectionCode.REJECTION_CODE_INCONSISTENT, laterPath,
                    laterPath + " is " + later + ", not after " + earlierPath + " " + earlier);
        }
    }

    /**
     * The instant of a timestamp that is present (when required) and a valid
     * google.protobuf.Timestamp (0001..9999, nanos in range); null otherwise.
     */
    Instant readable(Violations v, String path, boolean present, Timestamp value, boolean required) {
        if (!present) {
            if (required) {
                v.add(RejectionCode.REJECTION_CODE_MISSING_FIELD, path, path + " is not set; it is required");
            }
            return null;
        }
        if (!Timestamps.isValid(value)) {
            v.add(RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, path,
                    path + " is seconds=" + value.getSeconds() + " nanos=" + value.getNanos()
                            + "; expected a valid timestamp (years 0001..9999, nanos 0..999999999)");
            return null;
        }
        return Instant.ofEpochSecond(value.getSeconds(), value.getNanos());
    }
}
