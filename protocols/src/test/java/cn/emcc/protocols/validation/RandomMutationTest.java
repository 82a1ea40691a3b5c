package cn.emcc.protocols.validation;

import cn.emcc.protocols.SampleMessages;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Rejection;
import cn.emcc.protocols.v1.RejectionCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the decoder 5,000 seeded random corruptions of valid encodings (byte
 * flips, truncations, insertions, repeated slices). Whatever the bytes, it
 * answers Valid or Invalid with a well-formed rejection and never throws.
 */
class RandomMutationTest {

    private static final long SEED = 20260712L;
    private static final int MUTATIONS = 5_000;

    private final ValidationLimits limits = ValidationLimits.defaults();
    private final InboundDecoder decoder = new InboundDecoder(
            new EnvelopeValidator(BoundingBoxServiceArea.shandong(), limits, SampleMessages.CLOCK), limits);

    @Test
    void randomCorruptionsAlwaysYieldValidOrInvalidAndNeverThrow() {
        List<byte[]> encodings = SampleMessages.envelopesByKind().values().stream()
                .map(Envelope::toByteArray).toList();
        Random random = new Random(SEED);
        int valid = 0;
        int invalid = 0;
        int malformed = 0;

        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = encodings.get(i % encodings.size());
            byte[] mutated = mutate(original, random);

            Decoded decoded = decoder.decode(mutated);

            assertThat(decoded).as("mutation %d", i).isNotNull();
            if (decoded instanceof Decoded.Valid v) {
                assertThat(v.envelope()).isNotNull();
                valid++;
            } else {
                Rejection r = ((Decoded.Invalid) decoded).rejection();
                assertThat(r.getViolationsCount()).as("mutation %d", i).isPositive();
                assertThat(r.getCode()).as("mutation %d", i)
                        .isNotEqualTo(RejectionCode.REJECTION_CODE_UNSPECIFIED)
                        .isEqualTo(r.getViolations(0).getCode());
                if (r.getCode() == RejectionCode.REJECTION_CODE_MALFORMED) {
                    malformed++;
                }
                invalid++;
            }
        }

        assertThat(valid + invalid).isEqualTo(MUTATIONS);
        // The corruptions reach past the parser into the validator, not only into MALFORMED.
        assertThat(malformed).isPositive().isLessThan(invalid);
        assertThat(valid).isPositive();
    }

    private static byte[] mutate(byte[] original, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] b = original.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case 1 -> Arrays.copyOf(original, random.nextInt(original.length));
            case 2 -> {
                int at = random.nextInt(original.length + 1);
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                byte[] b = new byte[original.length + inserted.length];
                System.arraycopy(original, 0, b, 0, at);
                System.arraycopy(inserted, 0, b, at, inserted.length);
                System.arraycopy(original, at, b, at + inserted.length, original.length - at);
                yield b;
            }
            default -> {
                // Repeating a slice duplicates fields, which protobuf merges or appends.
                int from = random.nextInt(original.length);
                int to = from + random.nextInt(original.length - from) + 1;
                byte[] slice = Arrays.copyOfRange(original, from, to);
                byte[] b = Arrays.copyOf(original, original.length + slice.length);
                System.arraycopy(slice, 0, b, original.length, slice.length);
                yield b;
            }
        };
    }
}
