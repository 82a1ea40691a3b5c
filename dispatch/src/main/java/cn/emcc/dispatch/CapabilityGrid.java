package cn.emcc.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A uniform lon/lat grid of the available units with one capability, searched
 * in square rings around an incident. Knows how far away, at least, the
 * units of a ring are, which is what lets a search stop early.
 */
final class CapabilityGrid {

    /** Metres in a degree of latitude on the sphere the travel model measures on. */
    private static final double METRES_PER_DEGREE = 111_195.0;
    /** Under-estimate ring distances a little: the ring bound is planar, the distances great-circle. */
    private static final double SAFETY = 0.99;

    private final double minLon;
    private final double minLat;
    private final double cellDegrees;
    private final int columns;
    private final int rows;
    private final double cosMaxLat;
    private final List<Unit>[] cells;
    private final List<Unit> outside = new ArrayList<>();
    private int count;

    @SuppressWarnings("unchecked")
    CapabilityGrid(double minLon, double minLat, double maxLon, double maxLat, double cellDegrees) {
        this.minLon = minLon;
        this.minLat = minLat;
        this.cellDegrees = cellDegrees;
        this.columns = (int) Math.ceil((maxLon - minLon) / cellDegrees);
        this.rows = (int) Math.ceil((maxLat - minLat) / cellDegrees);
        // east-west degrees are shortest at the latitude farthest from the equator
        this.cosMaxLat = Math.cos(Math.toRadians(Math.max(Math.abs(minLat), Math.abs(maxLat))));
        this.cells = new List[columns * rows];
    }

    int column(double lon) {
        return (int) Math.floor((lon - minLon) / cellDegrees);
    }

    int row(double lat) {
        return (int) Math.floor((lat - minLat) / cellDegrees);
    }

    private boolean inGrid(int column, int row) {
        return column >= 0 && column < columns && row >= 0 && row < rows;
    }

    void add(Unit unit) {
        int c = column(unit.position().getLongitude());
        int r = row(unit.position().getLatitude());
        if (inGrid(c, r)) {
            List<Unit> cell = cells[r * columns + c];
            if (cell == null) {
                cell = new ArrayList<>(4);
                cells[r * columns + c] = cell;
            }
            cell.add(unit);
        } else {
            outside.add(unit);
        }
        count++;
    }

    void remove(Unit unit) {
        int c = column(unit.position().getLongitude());
        int r = row(unit.position().getLatitude());
        List<Unit> cell = inGrid(c, r) ? cells[r * columns + c] : outside;
        if (cell != null && cell.removeIf(u -> u.unitId().equals(unit.unitId()))) {
            count--;
        }
    }

    int size() {
        return count;
    }

    List<Unit> outside() {
        return outside;
    }

    /** The units in the cells at Chebyshev distance {@code ring} from the incident's cell, into {@code out}. */
    void ring(int centreColumn, int centreRow, int ring, List<Unit> out) {
        if (ring == 0) {
            addCell(centreColumn, centreRow, out);
            return;
        }
        for (int c = centreColumn - ring; c <= centreColumn + ring; c++) {
            addCell(c, centreRow - ring, out);
            addCell(c, centreRow + ring, out);
        }
        for (int r = centreRow - ring + 1; r <= centreRow + ring - 1; r++) {
            addCell(centreColumn - ring, r, out);
            addCell(centreColumn + ring, r, out);
        }
    }

    private void addCell(int column, int row, List<Unit> out) {
        if (inGrid(column, row)) {
            List<Unit> cell = cells[row * columns + column];
            if (cell != null) {
                out.addAll(cell);
            }
        }
    }

    /** Whether ring {@code ring} and every ring after it lie wholly outside the grid. */
    boolean beyondGrid(int centreColumn, int centreRow, int ring) {
        int inner = ring - 1;
        return centreColumn - inner <= 0 && centreColumn + inner >= columns - 1
                && centreRow - inner <= 0 && centreRow + inner >= rows - 1;
    }

    /**
     * At least how many metres from (lon, lat) every point of ring {@code ring} lies: the distance to the
     * edge of the block of cells within ring − 1 of the incident's cell.
     */
    double minimumMetres(double lon, double lat, int centreColumn, int centreRow, int ring) {
        if (ring == 0) {
            return 0;
        }
        double west = minLon + (centreColumn - (ring - 1)) * cellDegrees;
        double east = minLon + (centreColumn + ring) * cellDegrees;
        double south = minLat + (centreRow - (ring - 1)) * cellDegrees;
        double north = minLat + (centreRow + ring) * cellDegrees;
        double dLon = Math.min(lon - west, east - lon);
        double dLat = Math.min(lat - south, north - lat);
        double metres = Math.min(dLon * METRES_PER_DEGREE * cosMaxLat, dLat * METRES_PER_DEGREE);
        return Math.max(0, metres * SAFETY);
    }
}
