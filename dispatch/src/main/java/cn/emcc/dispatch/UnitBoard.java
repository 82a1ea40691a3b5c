package cn.emcc.dispatch;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The units dispatch knows, with a spatial grid per capability over the
 * available ones, so a recommendation looks at the units near an incident
 * rather than all of them. Mutable and not thread-safe: one owner (an actor)
 * updates it as statuses and positions arrive. Units outside the grid's area
 * are kept aside and always looked at, so nothing is lost to a bad fix.
 */
public final class UnitBoard {

    /** Shandong with a margin of half a degree, cells of 0.05° (about 4.5 × 5.5 km). */
    public static final double[] SHANDONG_AREA = {114.3, 34.0, 123.2, 38.9};
    public static final double DEFAULT_CELL_DEGREES = 0.05;

    private final Map<String, Unit> units = new TreeMap<>();
    private final Map<Capability, CapabilityGrid> grids = new EnumMap<>(Capability.class);
    private final double minLon;
    private final double minLat;
    private final double maxLon;
    private final double maxLat;
    private final double cellDegrees;

    public UnitBoard(double minLon, double minLat, double maxLon, double maxLat, double cellDegrees) {
        if (!(minLon < maxLon && minLat < maxLat && cellDegrees > 0 && minLat > -85 && maxLat < 85)) {
            throw new IllegalArgumentException("area (" + minLon + ", " + minLat + ")-(" + maxLon + ", " + maxLat
                    + ") cell " + cellDegrees + ": expected min < max, latitudes within ±85 and a positive cell size");
        }
        this.minLon = minLon;
        this.minLat = minLat;
        this.maxLon = maxLon;
        this.maxLat = maxLat;
        this.cellDegrees = cellDegrees;
        for (Capability c : Capability.values()) {
            grids.put(c, new CapabilityGrid(minLon, minLat, maxLon, maxLat, cellDegrees));
        }
    }

    public static UnitBoard shandong() {
        return new UnitBoard(SHANDONG_AREA[0], SHANDONG_AREA[1], SHANDONG_AREA[2], SHANDONG_AREA[3],
                DEFAULT_CELL_DEGREES);
    }

    /** A Shandong board holding these units. */
    public static UnitBoard shandong(Collection<Unit> units) {
        UnitBoard board = shandong();
        units.forEach(board::put);
        return board;
    }

    /** Adds the unit or replaces the one with its id (new status, position or capabilities). */
    public void put(Unit unit) {
        Unit previous = units.put(unit.unitId(), unit);
        if (previous != null) {
            previous.capabilities().forEach(c -> grids.get(c).remove(previous));
        }
        if (unit.isAvailable()) {
            unit.capabilities().forEach(c -> grids.get(c).add(unit));
        }
    }

    public Optional<Unit> remove(String unitId) {
        Unit previous = units.remove(unitId);
        if (previous != null) {
            previous.capabilities().forEach(c -> grids.get(c).remove(previous));
        }
        return Optional.ofNullable(previous);
    }

    public Optional<Unit> get(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    /** Every unit, available or not, by unit id. */
    public List<Unit> all() {
        return List.copyOf(units.values());
    }

    /** A live view of every unit, for scans; not to be kept or changed. */
    Collection<Unit> view() {
        return java.util.Collections.unmodifiableCollection(units.values());
    }

    public int size() {
        return units.size();
    }

    CapabilityGrid grid(Capability capability) {
        return grids.get(capability);
    }

    @Override
    public String toString() {
        return "UnitBoard(" + units.size() + " units, area " + minLon + "," + minLat + "-" + maxLon + "," + maxLat
                + ", cell " + cellDegrees + "°)";
    }
}
