package cn.emcc.command.unit;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.UnitStatus;

import java.time.Instant;

/**
 * One unit as callers see it: what it is, its status and the order it is
 * committed to (empty when none). An immutable copy, never the entity's state.
 */
public record UnitSnapshot(String unitId, Agency agency, String unitType, String countyAdcode, String cityAdcode,
                           UnitStatus status, String orderId, String incidentId, Instant changedAt)
        implements CborSerializable {

    public boolean assigned() {
        return !orderId.isEmpty();
    }
}
