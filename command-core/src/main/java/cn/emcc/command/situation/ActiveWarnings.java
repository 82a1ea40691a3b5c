package cn.emcc.command.situation;

import cn.emcc.command.grading.WarningInForce;
import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.WeatherWarning;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.InvalidProtocolBufferException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The weather warnings in force at one moment, with their areas prepared for
 * point tests. Immutable and shared freely between threads. It crosses the
 * cluster (board → caches on every node) as the warnings' proto bytes only;
 * the geometry is rebuilt on arrival, never serialized.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ActiveWarnings implements CborSerializable {

    private record Prepared(WeatherWarning warning, WarningInForce inForce, WarningGeometry geometry) {
    }

    private final Instant asOf;
    private final List<byte[]> protos;
    private final List<Prepared> prepared;

    /**
     * @param asOf   the moment the warnings were in force
     * @param protos emcc.v1.WeatherWarning bytes, as stored on the board
     */
    @JsonCreator
    public ActiveWarnings(@JsonProperty("asOf") Instant asOf, @JsonProperty("warnings") List<byte[]> protos) {
        this.asOf = asOf;
        List<Prepared> list = new ArrayList<>(protos.size());
        for (byte[] bytes : protos) {
            WeatherWarning w = parse(bytes);
            list.add(new Prepared(w, new WarningInForce(w.getIdentifier(), w.getHazard(), w.getColour()),
                    WarningGeometry.of(w)));
        }
        // Identifier order makes every answer deterministic, whatever order the board kept them in.
        list.sort(Comparator.comparing(p -> p.warning().getIdentifier()));
        this.prepared = List.copyOf(list);
        this.protos = list.stream().map(p -> p.warning().toByteArray()).toList();
    }

    public static ActiveWarnings none(Instant asOf) {
        return new ActiveWarnings(asOf, List.of());
    }

    /**
     * The warnings covering a point: inside one of a warning's polygons, within
     * one of its circles, or in one of its GB/T 2260 divisions.
     *
     * @param adcodesOfPoint the county, city and province codes the point lies in
     */
    public List<WarningInForce> at(double lon, double lat, Set<String> adcodesOfPoint) {
        List<WarningInForce> covering = new ArrayList<>();
        for (Prepared p : prepared) {
            if (p.geometry().covers(lon, lat, adcodesOfPoint)) {
                covering.add(p.inForce());
            }
        }
        return List.copyOf(covering);
    }

    @JsonProperty("asOf")
    public Instant asOf() {
        return asOf;
    }

    /** The warnings in force, by identifier. */
    public List<WeatherWarning> warnings() {
        return prepared.stream().map(Prepared::warning).toList();
    }

    public int size() {
        return prepared.size();
    }

    @JsonProperty("warnings")
    List<byte[]> protos() {
        return protos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveWarnings other && asOf.equals(other.asOf) && warnings().equals(other.warnings());
    }

    @Override
    public int hashCode() {
        return asOf.hashCode() * 31 + warnings().hashCode();
    }

    @Override
    public String toString() {
        return "ActiveWarnings(asOf=" + asOf + ", " + prepared.stream().map(p -> p.warning().getIdentifier()).toList() + ")";
    }

    private static WeatherWarning parse(byte[] bytes) {
        try {
            return WeatherWarning.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("warnings: expected emcc.v1.WeatherWarning bytes: " + e.getMessage(), e);
        }
    }
}
