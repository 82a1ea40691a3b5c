package cn.emcc.command.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How audit entries are split into chains: one chain per source and day, so no
 * single chain carries the whole gateway's load and each is verifiable alone.
 * <ul>
 *   <li>{@code agency.<AGENCY>.<day>}: every system of one agency (POLICE, FIRE, …);</li>
 *   <li>{@code officer.<city adcode>.<day>}: officers of a city and its counties
 *       ({@code 370000} for province officers);</li>
 *   <li>{@code anonymous.<day>}: requests that named nobody;</li>
 *   <li>{@code anchor.<day>}: the heads of the other chains (see {@link AuditChain}).</li>
 * </ul>
 * Days are calendar days in {@code emcc.audit.zone}.
 */
public final class ChainIds {

    private static final Pattern CHAIN = Pattern.compile("([a-z]+)(?:\\.([A-Z0-9_]+))?\\.(\\d{4}-\\d{2}-\\d{2})");
    static final String ANCHOR = "anchor";

    private final ZoneId zone;

    public ChainIds(ZoneId zone) {
        this.zone = zone;
    }

    public String chainFor(AuditRecord record) {
        String day = day(record.at()).toString();
        AuditActor a = record.actor();
        return switch (a.kind()) {
            case AGENCY -> "agency." + a.role() + "." + day;
            case OFFICER -> "officer." + cityOf(a.adcode()) + "." + day;
            case ANONYMOUS -> "anonymous." + day;
            case SYSTEM -> ANCHOR + "." + day;
        };
    }

    public String anchorChain(Instant at) {
        return ANCHOR + "." + day(at);
    }

    public LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The day a chain id names, empty for an id that is not an audit chain's. */
    public static Optional<LocalDate> dayOf(String chain) {
        Matcher m = CHAIN.matcher(chain);
        return m.matches() ? Optional.of(LocalDate.parse(m.group(3))) : Optional.empty();
    }

    public static boolean isAnchor(String chain) {
        return chain.startsWith(ANCHOR + ".");
    }

    // A county officer's entries go to the chain of its city: 17 officer chains a day, not 153.
    private static String cityOf(String adcode) {
        if (adcode.length() != 6 || !adcode.chars().allMatch(Character::isDigit)) {
            return "UNKNOWN";
        }
        return adcode.endsWith("0000") ? adcode : adcode.substring(0, 4) + "00";
    }
}
