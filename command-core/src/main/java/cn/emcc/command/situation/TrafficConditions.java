package cn.emcc.command.situation;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.TrafficCondition;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.InvalidProtocolBufferException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The traffic conditions (路况) valid at one moment, for the travel-time
 * model. Crosses the cluster as proto bytes; parsed once on arrival.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TrafficConditions implements CborSerializable {

    private final Instant asOf;
    private final List<TrafficCondition> conditions;

    @JsonCreator
    public TrafficConditions(@JsonProperty("asOf") Instant asOf, @JsonProperty("conditions") List<byte[]> protos) {
        this.asOf = asOf;
        List<TrafficCondition> list = new ArrayList<>(protos.size());
        for (byte[] bytes : protos) {
            try {
                list.add(TrafficCondition.parseFrom(bytes));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("conditions: expected emcc.v1.TrafficCondition bytes: " + e.getMessage(), e);
            }
        }
        list.sort(Comparator.comparing(TrafficCondition::getConditionId));
        this.conditions = List.copyOf(list);
    }

    @JsonProperty("asOf")
    public Instant asOf() {
        return asOf;
    }

    /** The conditions valid at {@link #asOf()}, by condition id. */
    public List<TrafficCondition> conditions() {
        return conditions;
    }

    @JsonProperty("conditions")
    List<byte[]> protos() {
        return conditions.stream().map(TrafficCondition::toByteArray).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficConditions other && asOf.equals(other.asOf) && conditions.equals(other.conditions);
    }

    @Override
    public int hashCode() {
        return asOf.hashCode() * 31 + conditions.hashCode();
    }

    @Override
    public String toString() {
        return "TrafficConditions(asOf=" + asOf + ", " + conditions.stream().map(TrafficCondition::getConditionId).toList() + ")";
    }
}
