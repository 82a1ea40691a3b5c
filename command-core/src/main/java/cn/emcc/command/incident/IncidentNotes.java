package cn.emcc.command.incident;

import java.util.Optional;

/**
 * What an officer's note on an incident must be: free text of 1..2,000
 * characters once trimmed. One rule for the HTTP edge (400) and the incident
 * itself (which refuses a note that slipped past the edge).
 */
public final class IncidentNotes {

    /** Counted in characters (code points), so 2,000 Chinese characters fit as well as 2,000 Latin ones. */
    public static final int MAX_LENGTH = 2_000;

    private IncidentNotes() {
    }

    /** Empty when {@code text} (already trimmed) is a note, else what is wrong with it. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("a note needs text: 1.." + MAX_LENGTH + " characters, was empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            return Optional.of("a note is at most " + MAX_LENGTH + " characters, was " + length);
        }
        return Optional.empty();
    }
}
