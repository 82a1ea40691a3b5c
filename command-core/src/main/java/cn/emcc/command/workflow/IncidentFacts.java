package cn.emcc.command.workflow;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Grade;
import cn.emcc.protocols.v1.IncidentCategory;

/** What dispatch needs to know of an incident, taken when the proposal is made. */
public record IncidentFacts(String incidentId, IncidentCategory category, Grade grade, double longitude,
                            double latitude, String address, String countyAdcode, String cityAdcode)
        implements CborSerializable {
}
