package cn.emcc.protocols.cap;

import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningColour;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names the China Meteorological Administration uses for its 14 warning
 * signal types (气象灾害预警信号) and four colours, and the two ways a CAP alert
 * names a signal: the event text ("暴雨红色预警") and the four-digit signal code
 * ("0204": type 01–14 then level 01 blue … 04 red).
 *
 * <p>The mapping does not police which colours a type is issued in (高温 has no
 * blue signal, for instance): every one of the 14 × 4 pairs converts both ways,
 * so a local rule set can be stricter without a new mapping.
 */
public final class CmaHazards {

    /** A hazard and a colour together: one CMA warning signal. */
    public record Signal(Hazard hazard, WarningColour colour) {
    }

    private static final String WARNING_SUFFIX = "预警";
    private static final String SIGNAL_SUFFIX = "信号";
    private static final Pattern SIGNAL_CODE = Pattern.compile("\\d{4}");

    private static final Map<Hazard, String> HAZARD_NAMES = hazardNames();
    private static final Map<String, Hazard> HAZARDS_BY_NAME = invert(HAZARD_NAMES);
    private static final Map<WarningColour, String> COLOUR_NAMES = colourNames();
    private static final Map<String, WarningColour> COLOURS_BY_NAME = invert(COLOUR_NAMES);

    private CmaHazards() {
    }

    /** 台风, 暴雨, …; throws for {@code HAZARD_UNSPECIFIED} or an unrecognised value. */
    public static String name(Hazard hazard) {
        String name = HAZARD_NAMES.get(hazard);
        if (name == null) {
            throw new IllegalArgumentException("hazard " + hazard + " has no CMA name; expected one of " + HAZARD_NAMES.keySet());
        }
        return name;
    }

    public static Optional<Hazard> hazard(String name) {
        return Optional.ofNullable(HAZARDS_BY_NAME.get(name));
    }

    /** 蓝色, 黄色, 橙色 or 红色; throws for {@code WARNING_COLOUR_UNSPECIFIED}. */
    public static String colourName(WarningColour colour) {
        String name = COLOUR_NAMES.get(colour);
        if (name == null) {
            throw new IllegalArgumentException("colour " + colour + " has no CMA name; expected one of " + COLOUR_NAMES.keySet());
        }
        return name;
    }

    public static Optional<WarningColour> colour(String name) {
        return Optional.ofNullable(COLOURS_BY_NAME.get(name));
    }

    /** The CAP event text, e.g. "暴雨红色预警". */
    public static String eventText(Hazard hazard, WarningColour colour) {
        return name(hazard) + colourName(colour) + WARNING_SUFFIX;
    }

    /**
     * Reads an event text such as "暴雨红色预警" or "道路结冰黄色预警信号".
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Signal parseEvent(String event) {
        String text = event.strip();
        if (text.endsWith(SIGNAL_SUFFIX)) {
            text = text.substring(0, text.length() - SIGNAL_SUFFIX.length());
        }
        if (!text.endsWith(WARNING_SUFFIX)) {
            throw new IllegalArgumentException("event " + CapText.quote(event) + " does not end in " + WARNING_SUFFIX
                    + "; expected a CMA warning name such as 暴雨红色预警");
        }
        text = text.substring(0, text.length() - WARNING_SUFFIX.length());
        // Every colour name is two characters (蓝色 黄色 橙色 红色).
        String colourName = text.length() >= 2 ? text.substring(text.length() - 2) : text;
        String hazardName = text.substring(0, text.length() - colourName.length());
        WarningColour colour = colour(colourName).orElseThrow(() -> new IllegalArgumentException(
                "event " + CapText.quote(event) + " has unknown colour " + CapText.quote(colourName) + " before 预警; expected one of " + COLOURS_BY_NAME.keySet()));
        Hazard hazard = hazard(hazardName).orElseThrow(() -> new IllegalArgumentException(
                "event " + CapText.quote(event) + " has unknown hazard " + CapText.quote(hazardName) + "; expected one of " + HAZARDS_BY_NAME.keySet()));
        return new Signal(hazard, colour);
    }

    /**
     * The CMA signal code, type then level, e.g. "0204" for a red rainstorm. The
     * contract's enum numbers follow the CMA code order, so they are the code.
     */
    public static String signalCode(Hazard hazard, WarningColour colour) {
        name(hazard);
        colourName(colour);
        return String.format("%02d%02d", hazard.getNumber(), colour.getNumber());
    }

    /**
     * Reads a four-digit signal code such as "0204".
     *
     * @throws IllegalArgumentException naming the code and what was expected
     */
    public static Signal parseSignalCode(String code) {
        if (!SIGNAL_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("signal code " + CapText.quote(code) + " is not four digits (type 01-14, level 01-04)");
        }
        Hazard hazard = Hazard.forNumber(Integer.parseInt(code.substring(0, 2)));
        WarningColour colour = WarningColour.forNumber(Integer.parseInt(code.substring(2)));
        if (hazard == null || !HAZARD_NAMES.containsKey(hazard)) {
            throw new IllegalArgumentException("signal code " + CapText.quote(code) + " has unknown type " + code.substring(0, 2) + "; expected 01-14");
        }
        if (colour == null || !COLOUR_NAMES.containsKey(colour)) {
            throw new IllegalArgumentException("signal code " + CapText.quote(code) + " has unknown level " + code.substring(2) + "; expected 01-04");
        }
        return new Signal(hazard, colour);
    }

    private static Map<Hazard, String> hazardNames() {
        Map<Hazard, String> m = new EnumMap<>(Hazard.class);
        m.put(Hazard.HAZARD_TYPHOON, "台风");
        m.put(Hazard.HAZARD_RAINSTORM, "暴雨");
        m.put(Hazard.HAZARD_BLIZZARD, "暴雪");
        m.put(Hazard.HAZARD_COLD_WAVE, "寒潮");
        m.put(Hazard.HAZARD_GALE, "大风");
        m.put(Hazard.HAZARD_SANDSTORM, "沙尘暴");
        m.put(Hazard.HAZARD_HEAT_WAVE, "高温");
        m.put(Hazard.HAZARD_DROUGHT, "干旱");
        m.put(Hazard.HAZARD_LIGHTNING, "雷电");
        m.put(Hazard.HAZARD_HAIL, "冰雹");
        m.put(Hazard.HAZARD_FROST, "霜冻");
        m.put(Hazard.HAZARD_HEAVY_FOG, "大雾");
        m.put(Hazard.HAZARD_HAZE, "霾");
        m.put(Hazard.HAZARD_ROAD_ICING, "道路结冰");
        return Collections.unmodifiableMap(m);
    }

    private static Map<WarningColour, String> colourNames() {
        Map<WarningColour, String> m = new EnumMap<>(WarningColour.class);
        m.put(WarningColour.WARNING_COLOUR_BLUE, "蓝色");
        m.put(WarningColour.WARNING_COLOUR_YELLOW, "黄色");
        m.put(WarningColour.WARNING_COLOUR_ORANGE, "橙色");
        m.put(WarningColour.WARNING_COLOUR_RED, "红色");
        return Collections.unmodifiableMap(m);
    }

    private static <K, V> Map<V, K> invert(Map<K, V> map) {
        Map<V, K> inverted = new LinkedHashMap<>();
        map.forEach((k, v) -> inverted.put(v, k));
        return Collections.unmodifiableMap(inverted);
    }
}
