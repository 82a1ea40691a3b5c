package cn.emcc.command.unit;

import cn.emcc.dispatch.ShandongRoster;
import cn.emcc.dispatch.Unit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The units emcc knows, loaded once at start (the shipped Shandong roster by
 * default). It is the seed of every {@link UnitActor}: a unit's entity starts
 * from its roster entry and its events say what happened since. A unit id
 * that is not here is unknown to emcc.
 */
public final class UnitRoster {

    private final Map<String, Unit> byId;

    private UnitRoster(Collection<Unit> units) {
        this.byId = units.stream().collect(Collectors.toUnmodifiableMap(Unit::unitId, Function.identity()));
    }

    public static UnitRoster loadDefault() {
        return new UnitRoster(ShandongRoster.loadDefault());
    }

    public static UnitRoster of(List<Unit> units) {
        return new UnitRoster(units);
    }

    public Optional<Unit> get(String unitId) {
        return Optional.ofNullable(byId.get(unitId));
    }

    public Collection<Unit> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }
}
