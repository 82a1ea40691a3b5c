package cn.emcc.protocols.v1;

import cn.emcc.protocols.SampleMessages;

import java.util.LinkedHashMap;
import java.util.Map;

/** The committed golden files: src/test/resources/golden/{payload field name}.binpb, one per payload kind. */
final class GoldenFixtures {

    static final String RESOURCE_DIR = "golden";

    private GoldenFixtures() {
    }

    /** File name → the envelope it must decode to. */
    static Map<String, Envelope> expected() {
        Map<String, Envelope> files = new LinkedHashMap<>();
        for (Envelope e : SampleMessages.envelopesByKind().values()) {
            String payloadField = Envelope.getDescriptor().findFieldByNumber(e.getPayloadCase().getNumber()).getName();
            files.put(payloadField + ".binpb", e);
        }
        return files;
    }
}
