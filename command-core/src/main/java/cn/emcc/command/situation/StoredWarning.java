package cn.emcc.command.situation;

import cn.emcc.command.serialization.CborSerializable;
import cn.emcc.protocols.v1.WeatherWarning;
import com.google.protobuf.InvalidProtocolBufferException;

import java.time.Instant;

/**
 * A warning as the board keeps it: the bytes it was sent as, plus the two
 * times the board reasons about, so it need not parse the bytes to do so.
 * A warning is in force from its issue time (CAP sent) until it expires;
 * onset is only a forecast of when the weather arrives and does not delay
 * the warning, since people act on a warning from the moment it is issued.
 */
public record StoredWarning(byte[] proto, Instant issuedAt, Instant expires) implements CborSerializable {

    static StoredWarning of(byte[] proto) {
        WeatherWarning w = parse(proto);
        return new StoredWarning(proto, Timestamps.toInstant(w.getIssuedAt()), Timestamps.toInstant(w.getExpires()));
    }

    WeatherWarning warning() {
        return parse(proto);
    }

    boolean inForceAt(Instant at) {
        return !issuedAt.isAfter(at) && expires.isAfter(at);
    }

    private static WeatherWarning parse(byte[] proto) {
        try {
            return WeatherWarning.parseFrom(proto);
        } catch (InvalidProtocolBufferException e) {
            // Only bytes that parsed before are ever stored, so this is a corrupted journal, not bad input.
            throw new IllegalStateException("stored warning is not an emcc.v1.WeatherWarning: " + e.getMessage(), e);
        }
    }
}
