package cn.emcc.command.situation;

import com.google.protobuf.Timestamp;

import java.time.Instant;

/** protobuf Timestamp → Instant; an unset timestamp reads as absent, not as 1970. */
final class Timestamps {

    private Timestamps() {
    }

    static boolean isSet(Timestamp t) {
        return t.getSeconds() != 0 || t.getNanos() != 0;
    }

    static Instant toInstant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
