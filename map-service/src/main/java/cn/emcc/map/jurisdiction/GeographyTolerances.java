package cn.emcc.map.jurisdiction;

/**
 * How forgiving placement and adjacency are with imperfect boundaries. All in
 * metres on the ground.
 *
 * @param gapMetres              a point inside the province but in no county is given to the nearest county
 *                               within this distance (else it is Outside); covers slivers between county
 *                               polygons that do not quite tile the province
 * @param neighbourMetres        two counties are neighbours when their boundaries come within this distance of
 *                               each other along at least {@code minSharedBorderMetres}
 * @param minSharedBorderMetres  shorter contact (a touch at a corner, a sliver tip) does not make neighbours
 */
public record GeographyTolerances(double gapMetres, double neighbourMetres, double minSharedBorderMetres) {

    /** Chosen for the shipped approximate data and the 1:1,000,000 national data (vertices 100 m apart or more). */
    public static final GeographyTolerances DEFAULTS = new GeographyTolerances(500, 100, 500);

    public GeographyTolerances {
        requireNonNegative("gapMetres", gapMetres);
        requireNonNegative("neighbourMetres", neighbourMetres);
        requireNonNegative("minSharedBorderMetres", minSharedBorderMetres);
    }

    private static void requireNonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " is " + value + "; expected a finite number >= 0");
        }
    }
}
