package cn.emcc.command.grading;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.Hazard;
import cn.emcc.protocols.v1.WarningColour;

/** A weather warning that covers an incident's location, as grading sees it. */
public record WarningInForce(String identifier, Hazard hazard, WarningColour colour) implements CborSerializable {
}
