package cn.emcc.map.travel;

import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningColour;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The table hazard × warning colour → how many times longer driving takes
 * inside the warned area. Data, not code: the default is
 * {@code travel/weather-slowdowns.csv} on the classpath.
 */
public final class WeatherSlowdowns {

    public static final String DEFAULT_RESOURCE = "travel/weather-slowdowns.csv";
    private static final List<WarningColour> COLOURS = List.of(WarningColour.WARNING_COLOUR_BLUE,
            WarningColour.WARNING_COLOUR_YELLOW, WarningColour.WARNING_COLOUR_ORANGE, WarningColour.WARNING_COLOUR_RED);

    private final Map<Hazard, double[]> factors;

    private WeatherSlowdowns(Map<Hazard, double[]> factors) {
        this.factors = factors;
    }

    public static WeatherSlowdowns loadDefault() {
        InputStream in = WeatherSlowdowns.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE + " is missing");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Reads {@code hazard,blue,yellow,orange,red} rows ({@code #} comments allowed).
     *
     * @throws IllegalArgumentException listing every problem: unknown hazard, a hazard twice or missing,
     *                                  a factor that is not a number in [1, 10]
     */
    public static WeatherSlowdowns parse(Reader reader, String source) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Hazard, double[]> factors = new EnumMap<>(Hazard.class);
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        boolean header = true;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                if (!trimmed.equals("hazard,blue,yellow,orange,red")) {
                    problems.add("line " + number + ": header '" + trimmed + "'; expected hazard,blue,yellow,orange,red");
                }
                continue;
            }
            String[] cells = trimmed.split(",", -1);
            if (cells.length != 5) {
                problems.add("line " + number + ": " + cells.length + " fields; expected 5");
                continue;
            }
            Hazard hazard;
            try {
                hazard = Hazard.valueOf("HAZARD_" + cells[0].strip());
            } catch (IllegalArgumentException e) {
                problems.add("line " + number + ": hazard '" + cells[0] + "' is not a CMA hazard of emcc.v1.Hazard");
                continue;
            }
            double[] row = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    row[i] = Double.parseDouble(cells[i + 1].strip());
                } catch (NumberFormatException e) {
                    row[i] = Double.NaN;
                }
                if (!(row[i] >= 1.0 && row[i] <= 10.0)) {
                    problems.add("line " + number + ": " + cells[0] + " " + COLOURS.get(i) + " factor '"
                            + cells[i + 1] + "'; expected a number in [1, 10]");
                }
            }
            if (factors.put(hazard, row) != null) {
                problems.add("line " + number + ": hazard " + cells[0] + " appears twice");
            }
        }
        for (Hazard h : Hazard.values()) {
            if (h != Hazard.HAZARD_UNSPECIFIED && h != Hazard.UNRECOGNIZED && !factors.containsKey(h)) {
                problems.add("hazard " + h.name().replace("HAZARD_", "") + " has no row");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new WeatherSlowdowns(factors);
    }

    /** 1.0 for an unspecified hazard or colour: a warning we cannot read does not slow anybody. */
    public double factor(Hazard hazard, WarningColour colour) {
        double[] row = factors.get(hazard);
        int index = COLOURS.indexOf(colour);
        return row == null || index < 0 ? 1.0 : row[index];
    }
}
