package cn.emcc.protocols.validation;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds inbound messages are held to. Lengths count Unicode code points,
 * so a Chinese address of 500 characters is 500, not 1,500 bytes.
 *
 * @param maxMessageBytes           a whole encoded envelope
 * @param maxIdChars                message ids, references, order/incident/unit/condition/warning ids
 * @param maxShortTextChars         names, headlines, remarks, reasons
 * @param maxLongTextChars          warning descriptions and instructions, order instructions
 * @param maxListItems              any repeated field except a geometry's points
 * @param maxRingPoints             points of one polygon ring or line string
 * @param maxAgePast                how old an observation time (sent, reported_at, ...) may be
 * @param maxSkewFuture             how far an observation time may be ahead of our clock
 * @param maxSystemIdChars          sender.system_id and the agencies' own report/alarm ids (contract: 1..64)
 * @param maxAddressChars           location.address (contract: at most 500)
 * @param maxReportDescriptionChars a 110/119 report's description (contract: at most 2000)
 * @param maxScheduledAhead         how far ahead a scheduled time (expiry, warning onset/expires,
 *                                  traffic valid_until, acknowledge_by) may be
 */
public record ValidationLimits(int maxMessageBytes, int maxIdChars, int maxShortTextChars, int maxLongTextChars,
        int maxListItems, int maxRingPoints, Duration maxAgePast, Duration maxSkewFuture,
        int maxSystemIdChars, int maxAddressChars, int maxReportDescriptionChars, Duration maxScheduledAhead) {

    public ValidationLimits {
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("maxIdChars", maxIdChars);
        requirePositive("maxShortTextChars", maxShortTextChars);
        requirePositive("maxLongTextChars", maxLongTextChars);
        requirePositive("maxListItems", maxListItems);
        if (maxRingPoints < 4) {
            throw new IllegalArgumentException("maxRingPoints is " + maxRingPoints + "; expected at least 4");
        }
        requirePositive("maxSystemIdChars", maxSystemIdChars);
        requirePositive("maxAddressChars", maxAddressChars);
        requirePositive("maxReportDescriptionChars", maxReportDescriptionChars);
        requireNonNegative("maxAgePast", maxAgePast);
        requireNonNegative("maxSkewFuture", maxSkewFuture);
        requireNonNegative("maxScheduledAhead", maxScheduledAhead);
    }

    /** The first eight limits as given, the rest from {@link #defaults()}. */
    public ValidationLimits(int maxMessageBytes, int maxIdChars, int maxShortTextChars, int maxLongTextChars,
            int maxListItems, int maxRingPoints, Duration maxAgePast, Duration maxSkewFuture) {
        this(maxMessageBytes, maxIdChars, maxShortTextChars, maxLongTextChars, maxListItems, maxRingPoints,
                maxAgePast, maxSkewFuture, 64, 500, 2000, Duration.ofDays(366));
    }

    /**
     * 256 KiB per message; ids 128; short text 200, long text 4000; 100 list
     * items; 2000 points per ring; observations at most 30 days old and 10
     * minutes ahead; scheduled times at most 366 days ahead (a road works
     * closure can be announced for months).
     */
    public static ValidationLimits defaults() {
        return new ValidationLimits(256 * 1024, 128, 200, 4000, 100, 2000, Duration.ofDays(30),
                Duration.ofMinutes(10));
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " is " + value + "; expected > 0");
        }
    }

    private static void requireNonNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " is " + value + "; expected >= 0");
        }
    }
}
