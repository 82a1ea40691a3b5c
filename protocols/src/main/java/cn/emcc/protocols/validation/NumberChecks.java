package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.RejectionCode;

/** Checks on numbers: NaN and infinities first, then the allowed range. */
final class NumberChecks {

    /** NOT_A_NUMBER for NaN and ±infinity; true when finite. */
    boolean finite(Violations v, String path, double value) {
        if (Double.isFinite(value)) {
            return true;
        }
        v.add(RejectionCode.REJECTION_CODE_NOT_A_NUMBER, path,
                path + " is " + value + "; expected a finite number");
        return false;
    }

    /** Finite and within [min, max]; true when both hold. */
    boolean inRange(Violations v, String path, double value, double min, double max) {
        if (!finite(v, path, value)) {
            return false;
        }
        if (value < min || value > max) {
            v.add(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, path,
                    path + " is " + value + "; expected " + min + ".." + max);
            return false;
        }
        return true;
    }

    /** Finite and within (min, max] — for speeds and factors where 0 means nothing was said. */
    boolean inRangeAboveMin(Violations v, String path, double value, double min, double max) {
        if (!finite(v, path, value)) {
            return false;
        }
        if (value <= min || value > max) {
            v.add(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, path,
                    path + " is " + value + "; expected more than " + min + " and at most " + max);
            return false;
        }
        return true;
    }

    /** Finite and within [min, max) — for headings where 360 is written 0. */
    boolean inRangeBelowMax(Violations v, String path, double value, double min, double max) {
        if (!finite(v, path, value)) {
            return false;
        }
        if (value < min || value >= max) {
            v.add(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, path,
                    path + " is " + value + "; expected at least " + min + " and less than " + max);
            return false;
        }
        return true;
    }

    /** A proto uint32, read as unsigned, at most {@code max}. */
    boolean unsignedAtMost(Violations v, String path, int rawValue, long max) {
        long value = Integer.toUnsignedLong(rawValue);
        if (value > max) {
            v.add(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, path,
                    path + " is " + value + "; expected at most " + max);
            return false;
        }
        return true;
    }

    /** A proto int32 within [min, max]. */
    boolean intInRange(Violations v, String path, int value, int min, int max) {
        if (value < min || value > max) {
            v.add(RejectionCode.REJECTION_CODE_OUT_OF_RANGE, path,
                    path + " is " + value + "; expected " + min + ".." + max);
            return false;
        }
        return true;
    }
}
