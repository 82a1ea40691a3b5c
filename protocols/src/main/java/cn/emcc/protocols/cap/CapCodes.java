package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Certainty;
import cn.emcc.protocols.v1.MessageStatus;
import cn.emcc.protocols.v1.Severity;
import cn.emcc.protocols.v1.Urgency;
import cn.emcc.protocols.v1.WarningColour;
import cn.emcc.protocols.v1.WarningMsgType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CAP 1.2 code lists emcc maps (status, msgType, urgency, severity,
 * certainty) and the tokens it writes for each contract value. CAP values
 * the contract has no place for (status System/Draft, msgType Ack/Error) are
 * absent, so reading them fails rather than guessing.
 */
final class CapCodes {

    static final Vocabulary<MessageStatus> STATUS = new Vocabulary<>(Map.of(
            "Actual", MessageStatus.MESSAGE_STATUS_ACTUAL,
            "Exercise", MessageStatus.MESSAGE_STATUS_EXERCISE,
            "Test", MessageStatus.MESSAGE_STATUS_TEST));

    static final Vocabulary<WarningMsgType> MSG_TYPE = new Vocabulary<>(Map.of(
            "Alert", WarningMsgType.WARNING_MSG_TYPE_ALERT,
            "Update", WarningMsgType.WARNING_MSG_TYPE_UPDATE,
            "Cancel", WarningMsgType.WARNING_MSG_TYPE_CANCEL));

    static final Vocabulary<Urgency> URGENCY = new Vocabulary<>(Map.of(
            "Immediate", Urgency.URGENCY_IMMEDIATE,
            "Expected", Urgency.URGENCY_EXPECTED,
            "Future", Urgency.URGENCY_FUTURE,
            "Past", Urgency.URGENCY_PAST,
            "Unknown", Urgency.URGENCY_UNKNOWN));

    static final Vocabulary<Severity> SEVERITY = new Vocabulary<>(Map.of(
            "Extreme", Severity.SEVERITY_EXTREME,
            "Severe", Severity.SEVERITY_SEVERE,
            "Moderate", Severity.SEVERITY_MODERATE,
            "Minor", Severity.SEVERITY_MINOR,
            "Unknown", Severity.SEVERITY_UNKNOWN));

    static final Vocabulary<Certainty> CERTAINTY = new Vocabulary<>(Map.of(
            "Observed", Certainty.CERTAINTY_OBSERVED,
            "Likely", Certainty.CERTAINTY_LIKELY,
            "Possible", Certainty.CERTAINTY_POSSIBLE,
            "Unlikely", Certainty.CERTAINTY_UNLIKELY,
            "Unknown", Certainty.CERTAINTY_UNKNOWN));

    /**
     * Some GB/T 35965.1 feeds put the signal colour in {@code severity}
     * (Red/Orange/Yellow/Blue) instead of a CAP severity. Read as the CAP severity
     * of the same rank; the colour must agree with the event's.
     */
    static final Vocabulary<WarningColour> PROFILE_SEVERITY_COLOUR = new Vocabulary<>(Map.of(
            "Red", WarningColour.WARNING_COLOUR_RED,
            "Orange", WarningColour.WARNING_COLOUR_ORANGE,
            "Yellow", WarningColour.WARNING_COLOUR_YELLOW,
            "Blue", WarningColour.WARNING_COLOUR_BLUE));

    static Severity severityOfColour(WarningColour colour) {
        return switch (colour) {
            case WARNING_COLOUR_RED -> Severity.SEVERITY_EXTREME;
            case WARNING_COLOUR_ORANGE -> Severity.SEVERITY_SEVERE;
            case WARNING_COLOUR_YELLOW -> Severity.SEVERITY_MODERATE;
            case WARNING_COLOUR_BLUE -> Severity.SEVERITY_MINOR;
            default -> throw new IllegalArgumentException("colour " + colour + " has no severity rank");
        };
    }

    private CapCodes() {
    }

    /** One CAP code list: its tokens, case-sensitive as CAP requires, and the contract values. */
    static final class Vocabulary<T> {
        private final Map<String, T> byToken;
        private final Map<T, String> byValue;

        Vocabulary(Map<String, T> byToken) {
            this.byToken = Collections.unmodifiableMap(new TreeMap<>(byToken));
            Map<T, String> inverse = new LinkedHashMap<>();
            this.byToken.forEach((token, value) -> inverse.put(value, token));
            this.byValue = Collections.unmodifiableMap(inverse);
        }

        Optional<T> value(String token) {
            return Optional.ofNullable(byToken.get(token));
        }

        Optional<String> token(T value) {
            return Optional.ofNullable(byValue.get(value));
        }

        String tokens() {
            return String.join(", ", byToken.keySet());
        }
    }
}
