package cn.emcc.command.nodes;

import cn.emcc.command.unit.UnitDirectory;
import cn.emcc.dispatch.Unit;
import cn.emcc.protocols.v1.UnitView;

/** A unit of the directory in the form command nodes receive it. */
public final class UnitViews {

    private UnitViews() {
    }

    public static UnitView of(UnitDirectory.UnitChanged changed) {
        Unit u = changed.unit();
        UnitView.Builder v = UnitView.newBuilder()
                .setUnitId(u.unitId())
                .setAgency(u.agency())
                .setUnitType(u.unitType().name())
                .setStatus(u.status())
                .setCountyAdcode(u.countyAdcode())
                .setPosition(u.position())
                .setIncidentId(changed.incidentId() == null ? "" : changed.incidentId())
                .setName(u.stationName());
        if (changed.statusSince() != null) {
            v.setStatusSince(IncidentViews.timestamp(changed.statusSince()));
        }
        return v.build();
    }
}
