package cn.emcc.dispatch;

import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.GeoPoint;
import cn.emcc.protocols.v1.UnitStatus;

import java.util.Objects;
import java.util.Set;

/**
 * A dispatchable resource (力量) of one agency as dispatch sees it at one
 * moment: what it is, where it belongs (its station's county and city decide
 * mutual aid), what state it is in and where it was last seen. Immutable;
 * a status or position change is a new value.
 *
 * @param capabilities normally {@code unitType.capabilities()}; a roster may narrow or widen it for one unit
 */
public record Unit(String unitId, Agency agency, UnitType unitType, Set<Capability> capabilities,
                   String stationName, String countyAdcode, String cityAdcode, GeoPoint home,
                   UnitStatus status, GeoPoint position) {

    public Unit {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(unitType, "unitType");
        Objects.requireNonNull(stationName, "stationName");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(position, "position");
        capabilities = Set.copyOf(capabilities);
        if (unitId.isBlank()) {
            throw new IllegalArgumentException("unitId is blank; expected an id");
        }
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("unit " + unitId + " has no capabilities; expected at least one");
        }
        if (countyAdcode == null || !countyAdcode.matches("\\d{6}") || cityAdcode == null
                || !cityAdcode.matches("\\d{6}") || !countyAdcode.startsWith(cityAdcode.substring(0, 4))) {
            throw new IllegalArgumentException("unit " + unitId + " has county '" + countyAdcode + "' and city '"
                    + cityAdcode + "'; expected six-digit GB/T 2260 codes, the county within the city");
        }
    }

    /** A unit of its type's agency and capabilities, at home and available. */
    public static Unit atHome(String unitId, UnitType type, String stationName, String countyAdcode,
                              String cityAdcode, GeoPoint home) {
        return new Unit(unitId, type.agency(), type, type.capabilities(), stationName, countyAdcode, cityAdcode,
                home, UnitStatus.UNIT_STATUS_AVAILABLE, home);
    }

    public boolean isAvailable() {
        return status == UnitStatus.UNIT_STATUS_AVAILABLE;
    }

    public Unit withStatus(UnitStatus newStatus) {
        return new Unit(unitId, agency, unitType, capabilities, stationName, countyAdcode, cityAdcode, home,
                newStatus, position);
    }

    public Unit withPosition(GeoPoint newPosition) {
        return new Unit(unitId, agency, unitType, capabilities, stationName, countyAdcode, cityAdcode, home,
                status, newPosition);
    }
}
