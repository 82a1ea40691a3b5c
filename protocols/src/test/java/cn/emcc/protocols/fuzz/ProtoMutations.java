package cn.emcc.protocols.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import java.util.List;
import java.util.Random;

/**
 * Structured-but-wrong variants of a valid protobuf message, driven by its
 * descriptor so every field of every payload is reachable: a field somewhere
 * in the tree is set to a hostile value (NaN, infinities, extremes, unknown
 * enum numbers, empty or huge strings, control characters), a nested message
 * is emptied or set where none belongs (another oneof case), or a repeated
 * field is cleared or blown up.
 */
public final class ProtoMutations {

    private static final double[] DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e9, -1e9, 181, -91, 0};
    private static final long[] LONGS = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
            253_402_300_800L, -62_135_596_801L, 1_000_000_000, 999_999_999};
    private static final List<String> STRINGS = List.of("", " ", "\u0000", "\ud800", "\u202e370102", "../../etc/passwd",
            "<script>alert(1)</script>", "'; DROP TABLE incidents; --", "%s%n%x", "370000", "9".repeat(64),
            "名".repeat(300), "x".repeat(20_000), "a\r\nb", "NaN", "-1", "1e999");

    private ProtoMutations() {
    }

    /** {@code message} with {@code count} mutations applied. */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M mutate(M message, int count, Random random) {
        Message.Builder b = message.toBuilder();
        for (int i = 0; i < count; i++) {
            mutateSomewhere(b, random, 0);
        }
        return (M) b.build();
    }

    private static void mutateSomewhere(Message.Builder b, Random random, int depth) {
        List<FieldDescriptor> fields = b.getDescriptorForType().getFields();
        FieldDescriptor f = fields.get(random.nextInt(fields.size()));
        boolean isMessage = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
        // Descend into a set nested message most of the time, so deep fields get their share.
        if (isMessage && depth < 8 && random.nextInt(10) < 7) {
            if (f.isRepeated() && b.getRepeatedFieldCount(f) > 0) {
                mutateSomewhere(b.getRepeatedFieldBuilder(f, random.nextInt(b.getRepeatedFieldCount(f))), random, depth + 1);
                return;
            }
            if (!f.isRepeated() && b.hasField(f)) {
                mutateSomewhere(b.getFieldBuilder(f), random, depth + 1);
                return;
            }
        }
        mutateField(b, f, random);
    }

    private static void mutateField(Message.Builder b, FieldDescriptor f, Random random) {
        if (f.isRepeated()) {
            switch (random.nextInt(3)) {
                case 0 -> b.clearField(f);
                case 1 -> {
                    // Oversized: copies of an element there is, or of a hostile value.
                    Object element = b.getRepeatedFieldCount(f) > 0
                            ? b.getRepeatedField(f, random.nextInt(b.getRepeatedFieldCount(f)))
                            : hostile(b, f, random);
                    int copies = 1 + random.nextInt(random.nextBoolean() ? 20 : 3_000);
                    for (int i = 0; i < copies; i++) {
                        b.addRepeatedField(f, element);
                    }
                }
                default -> {
                    if (b.getRepeatedFieldCount(f) > 0) {
                        b.setRepeatedField(f, random.nextInt(b.getRepeatedFieldCount(f)), hostile(b, f, random));
                    } else {
                        b.addRepeatedField(f, hostile(b, f, random));
                    }
                }
            }
            return;
        }
        if (random.nextInt(8) == 0) {
            b.clearField(f);
        } else {
            b.setField(f, hostile(b, f, random));
        }
    }

    private static Object hostile(Message.Builder b, FieldDescriptor f, Random random) {
        return switch (f.getJavaType()) {
            case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)] * (random.nextBoolean() ? 1 : random.nextDouble() * 2);
            case FLOAT -> (float) DOUBLES[random.nextInt(DOUBLES.length)];
            case INT -> (int) LONGS[random.nextInt(LONGS.length)];
            case LONG -> LONGS[random.nextInt(LONGS.length)];
            case BOOLEAN -> random.nextBoolean();
            case STRING -> random.nextInt(4) == 0 ? randomText(random) : STRINGS.get(random.nextInt(STRINGS.size()));
            case BYTE_STRING -> {
                byte[] bytes = new byte[random.nextInt(random.nextBoolean() ? 64 : 5_000)];
                random.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> {
                int[] numbers = {0, -1, 999, Integer.MAX_VALUE, random.nextInt(40)};
                yield f.getEnumType().findValueByNumberCreatingIfUnknown(numbers[random.nextInt(numbers.length)]);
            }
            case MESSAGE -> {
                Message.Builder nested = b.newBuilderForField(f);
                if (random.nextBoolean() && !nested.getDescriptorForType().getFields().isEmpty()) {
                    mutateSomewhere(nested, random, 6);
                }
                yield nested.build();
            }
        };
    }

    private static String randomText(Random random) {
        int n = random.nextInt(200);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x9FFF));
        }
        return s.toString();
    }

    /** The encoding of {@code bytes} cut, flipped, spliced or repeated at random places. */
    public static byte[] corrupt(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[]{(byte) random.nextInt(256)};
        }
        byte[] b = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 1 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 2 -> {
                int at = random.nextInt(b.length);
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                return out;
            }
            default -> {
                int from = random.nextInt(b.length);
                int len = 1 + random.nextInt(b.length - from);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                return out;
            }
        }
    }
}
