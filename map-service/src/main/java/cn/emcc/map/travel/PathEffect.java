package cn.emcc.map.travel;

import java.util.List;

/**
 * What a traffic or weather situation does to one straight path: blocks it,
 * or slows parts of it. {@code fraction} is the share of the path affected,
 * {@code slowdown} how many times longer that share takes (≥ 1).
 */
sealed interface PathEffect {

    record Blocked(String cause) implements PathEffect {
    }

    record Slowed(List<Stretch> stretches) implements PathEffect {
    }

    record Stretch(String cause, double fraction, double slowdown) {
    }

    PathEffect CLEAR = new Slowed(List.of());
}
