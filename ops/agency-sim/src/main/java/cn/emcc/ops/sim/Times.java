package cn.emcc.ops.sim;

import com.google.protobuf.Timestamp;

import java.time.Instant;

/** Conversions between java.time and protobuf timestamps. */
final class Times {

    private Times() {
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
