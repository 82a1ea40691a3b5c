package cn.emcc.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Words for a person as a code and named arguments, next to the English text a
 * log or another client reads: the console renders the code from its message
 * bundles in the officer's language. Argument values are plain text (ids,
 * numbers, names) or enum names the console has words for.
 */
public record Phrase(String code, Map<String, String> args) {

    public Phrase {
        Objects.requireNonNull(code, "code");
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    /** A phrase of {@code code} with arguments given as name, value, name, value… */
    static Phrase of(String code, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments of " + code + " come in name/value pairs, got "
                    + namesAndValues.length + " items");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
        }
        return new Phrase(code, args);
    }

    /** A list that old records stored without phrases read back as empty. */
    public static List<Phrase> listOrEmpty(List<Phrase> phrases) {
        return phrases == null ? List.of() : List.copyOf(phrases);
    }
}
