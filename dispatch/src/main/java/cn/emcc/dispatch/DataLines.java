package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The comma-separated data files of dispatch: {@code #} comments, one header, then rows with their line numbers. */
final class DataLines {

    record Row(int line, String[] cells) {
    }

    private DataLines() {
    }

    static <T> T fromClasspath(String resource, Function<Reader, T> parser) {
        InputStream in = DataLines.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + resource + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parser.apply(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    /** Rows after the header; a header or field count that does not match goes to {@code problems}. */
    static List<Row> read(Reader reader, String header, List<String> problems) {
        int fields = header.split(",").length;
        List<Row> rows = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        boolean seenHeader = false;
        int number = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!seenHeader) {
                    seenHeader = true;
                    if (!trimmed.equals(header)) {
                        problems.add("line " + number + ": header '" + trimmed + "'; expected '" + header + "'");
                        return rows;
                    }
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (cells.length != fields) {
                    problems.add("line " + number + ": " + cells.length + " fields; expected " + fields + " (" + header + ")");
                    continue;
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(new Row(number, cells));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!seenHeader) {
            problems.add("no header; expected '" + header + "'");
        }
        return rows;
    }

    /** {@code FIRE_BUILDING} → INCIDENT_CATEGORY_FIRE_BUILDING, or null with a problem recorded. */
    static IncidentCategory category(String value, int line, List<String> problems) {
        try {
            IncidentCategory c = IncidentCategory.valueOf("INCIDENT_CATEGORY_" + value);
            if (c != IncidentCategory.INCIDENT_CATEGORY_UNSPECIFIED) {
                return c;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        problems.add("line " + line + ": category '" + value + "' is not an emcc.v1.IncidentCategory"
                + " (expected e.g. FIRE_BUILDING)");
        return null;
    }

    /** {@code II} → GRADE_II, or null with a problem recorded. */
    static Grade grade(String value, int line, List<String> problems) {
        return switch (value) {
            case "I" -> Grade.GRADE_I;
            case "II" -> Grade.GRADE_II;
            case "III" -> Grade.GRADE_III;
            case "IV" -> Grade.GRADE_IV;
            default -> {
                problems.add("line " + line + ": grade '" + value + "'; expected I, II, III or IV");
                yield null;
            }
        };
    }

    static final List<Grade> GRADES = List.of(Grade.GRADE_I, Grade.GRADE_II, Grade.GRADE_III, Grade.GRADE_IV);

    static String shortName(IncidentCategory c) {
        return c.name().replace("INCIDENT_CATEGORY_", "");
    }

    static String shortName(Grade g) {
        return g.name().replace("GRADE_", "");
    }
}
