package cn.emcc.command.incident;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Agency;
import cn.emcc.protocols.v1.IncidentCategory;
import cn.emcc.protocols.v1.MessageStatus;

import java.time.Instant;

/**
 * One inbound report (a 110 call, a 119 alarm) in the form incidents keep it,
 * already validated and placed in its county.
 *
 * @param messageId the sender's envelope id: the key that makes resends harmless
 * @param sourceId  the agency system's own report or alarm id
 */
public record Report(
        String messageId,
        Agency agency,
        String systemId,
        String sourceId,
        Instant reportedAt,
        double longitude,
        double latitude,
        String address,
        String countyAdcode,
        IncidentCategory category,
        String description,
        Counts counts,
        boolean hazardousMaterials,
        MessageStatus status) implements CborSerializable {

    public GeoPosition position() {
        return new GeoPosition(longitude, latitude);
    }
}
