package cn.emcc.protocols.cap;

import com.google.protobuf.Timestamp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * CAP date-times ({@code 2026-07-12T08:30:00+08:00}) to and from protobuf
 * Timestamps. Written in Beijing time (+08:00) to whole seconds, as CAP's
 * pattern allows no fraction. Read leniently: any offset, "Z", a fraction,
 * and the space instead of "T" that GB/T 35965.1's extended format uses.
 */
final class CapTimes {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter CAP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern SPACE_SEPARATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");
    // Timestamp's own range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private CapTimes() {
    }

    static Timestamp parse(String text) {
        String iso = text.strip();
        if (SPACE_SEPARATED.matcher(iso).matches()) {
            iso = iso.replaceFirst(" ", "T");
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time " + CapText.quote(text.strip())
                    + " is not an ISO 8601 date-time with offset, e.g. 2026-07-12T08:30:00+08:00");
        }
        Instant instant = time.toInstant();
        if (instant.getEpochSecond() < MIN_SECONDS || instant.getEpochSecond() > MAX_SECONDS) {
            throw new IllegalArgumentException("time " + CapText.quote(text.strip()) + " is outside years 0001-9999");
        }
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static String format(Timestamp timestamp) {
        Instant instant = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).truncatedTo(ChronoUnit.SECONDS);
        return CAP_FORMAT.format(instant.atOffset(BEIJING));
    }
}
