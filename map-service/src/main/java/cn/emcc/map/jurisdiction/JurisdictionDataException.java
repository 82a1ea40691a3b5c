package cn.emcc.map.jurisdiction;

import java.util.List;

/**
 * The jurisdiction data cannot be used: start must fail. The message lists
 * every problem found, not just the first, so one fix-and-retry round is
 * usually enough.
 */
public final class JurisdictionDataException extends RuntimeException {

    private static final int MAX_LISTED = 25;

    private final List<String> problems;

    public JurisdictionDataException(String source, List<String> problems) {
        super(describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    public JurisdictionDataException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public JurisdictionDataException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(String source, List<String> problems) {
        StringBuilder b = new StringBuilder("jurisdiction data from ").append(source).append(" is unusable (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.stream().limit(MAX_LISTED).forEach(p -> b.append("\n  - ").append(p));
        if (problems.size() > MAX_LISTED) {
            b.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        return b.toString();
    }
}
