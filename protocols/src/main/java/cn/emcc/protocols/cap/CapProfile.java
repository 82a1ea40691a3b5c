package cn.emcc.protocols.cap;

import java.util.regex.Pattern;

/**
 * The choices emcc makes where CAP 1.2 leaves room and the Chinese profile
 * (GB/T 35965.1) is not known to fix a value. Reader and writer share them so
 * that what emcc writes it reads back unchanged. See docs/protocol/cap.md.
 */
final class CapProfile {

    /** The CAP 1.2 namespace, the only one accepted. */
    static final String NAMESPACE = CapElement.CAP_NAMESPACE;

    /** geocode valueName whose value is a six-digit GB/T 2260 administrative division code. */
    static final String GEOCODE_ADCODE = "GB/T 2260";

    /** eventCode valueName whose value is the four-digit CMA signal code, e.g. "0204" (see {@link CmaHazards}). */
    static final String EVENT_CODE_SIGNAL = "CMA-SIGNAL";

    /** The info language assumed when none is given, and written when the warning has none. */
    static final String DEFAULT_LANGUAGE = "zh-CN";

    /** Every CMA warning is meteorological. */
    static final String CATEGORY = "Met";

    static final String SCOPE = "Public";

    static final Pattern ADCODE = Pattern.compile("\\d{6}");

    /** CAP: identifier and sender contain no whitespace, comma, '<' or '&'. */
    static final Pattern CAP_TOKEN = Pattern.compile("[^\\s,<&]+");

    private CapProfile() {
    }
}
