package cn.emcc.command.situation;

import cn.emcc.command.grading.WarningInForce;

import java.util.List;

/**
 * An open incident's location and the warnings it is currently linked to.
 *
 * @param countyAdcode the county (GB/T 2260) the incident lies in
 * @param linked       the warnings the incident last accepted through {@code UpdateWarnings}
 */
public record OpenIncidentRef(String incidentId, double lon, double lat, String countyAdcode,
                              List<WarningInForce> linked) {

    public OpenIncidentRef {
        linked = List.copyOf(linked);
    }
}
