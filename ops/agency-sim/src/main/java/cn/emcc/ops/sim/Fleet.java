package cn.emcc.ops.sim;

import cn.emcc.dispatch.ShandongRoster;
import cn.emcc.dispatch.Unit;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GeoPoint;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulated agencies' own fleet register: which agency each unit belongs
 * to, where its station is, and where the unit was last, so that a unit
 * dispatched again starts from wherever it is. The register is the roster
 * emcc ships ({@link ShandongRoster#loadDefault()}): a real agency's register
 * and emcc's roster agree on unit ids and stations too.
 */
final class Fleet {

    private final Map<String, Unit> units;
    private final Map<String, GeoPoint> lastSeen = new ConcurrentHashMap<>();

    Fleet(Collection<Unit> units) {
        this.units = units.stream().collect(Collectors.toUnmodifiableMap(Unit::unitId, Function.identity()));
    }

    /** The shipped Shandong roster. */
    static Fleet shandong() {
        return new Fleet(ShandongRoster.loadDefault());
    }

    /** The station of {@code agency}'s unit {@code unitId}; empty when the agency has no such unit. */
    Optional<GeoPoint> station(Agency agency, String unitId) {
        return Optional.ofNullable(units.get(unitId)).filter(u -> u.agency() == agency).map(Unit::home);
    }

    /** Where the unit was last: its last fix, or where the register has it (its station) before any. */
    Optional<GeoPoint> position(String unitId) {
        GeoPoint seen = lastSeen.get(unitId);
        return seen != null ? Optional.of(seen) : Optional.ofNullable(units.get(unitId)).map(Unit::position);
    }

    /** The unit reported a fix at {@code at}. */
    void moved(String unitId, GeoPoint at) {
        if (units.containsKey(unitId)) {
            lastSeen.put(unitId, at);
        }
    }
}
