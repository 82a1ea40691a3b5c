package cn.emcc.protocols.cap;

import com.google.protobuf.Timestamp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/** The sample alerts under src/test/resources/cap and helpers the CAP tests share. */
final class CapSamples {

    static final String JINAN_RED = "jinan-rainstorm-red.xml";
    static final String QINGDAO_TYPHOON = "qingdao-typhoon-orange.xml";
    static final String JINAN_UPDATE = "jinan-rainstorm-update.xml";
    static final String JINAN_CANCEL = "jinan-rainstorm-cancel.xml";
    static final String TAIAN_ROAD_ICING = "taian-road-icing-yellow.xml";
    static final String LIAOCHENG_FOG = "liaocheng-heavy-fog-orange.xml";

    static final List<String> ALL = List.of(JINAN_RED, QINGDAO_TYPHOON, JINAN_UPDATE, JINAN_CANCEL, TAIAN_ROAD_ICING, LIAOCHENG_FOG);

    private CapSamples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = CapSamples.class.getResourceAsStream("/cap/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample /cap/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The instant of an ISO 8601 date-time with offset, as a Timestamp. */
    static Timestamp at(String isoWithOffset) {
        OffsetDateTime t = OffsetDateTime.parse(isoWithOffset);
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).build();
    }
}
