package cn.emcc.protocols.trust;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Signature;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What an envelope signature covers, and making and checking one.
 *
 * <p>The signed bytes are the ASCII context {@code "emcc.v1.Envelope"}, one
 * zero byte, then the envelope's wire bytes with every top-level field 8
 * ({@code signature}) left out and everything else kept exactly as
 * transmitted, in transmitted order. Working on the bytes received rather
 * than on a re-encoding means a receiver that does not know a newer field
 * still checks the signature over it. The context keeps an envelope
 * signature from ever passing for a handshake signature or the other way round.
 */
public final class EnvelopeSignatures {

    private static final byte[] CONTEXT = "emcc.v1.Envelope\0".getBytes(StandardCharsets.US_ASCII);

    /** An envelope with its signature, and the exact bytes to put on the wire. */
    public record Signed(Envelope envelope, byte[] wire) {
    }

    private EnvelopeSignatures() {
    }

    /** The bytes a signature over {@code envelopeWire} covers. */
    public static byte[] signedBytes(byte[] envelopeWire) throws InvalidProtocolBufferException {
        byte[] rest = withoutSignature(envelopeWire);
        byte[] all = new byte[CONTEXT.length + rest.length];
        System.arraycopy(CONTEXT, 0, all, 0, CONTEXT.length);
        System.arraycopy(rest, 0, all, CONTEXT.length, rest.length);
        return all;
    }

    /**
     * Signs an envelope given as wire bytes, keeping those bytes as they are:
     * any signature is dropped and the new one appended as field 8.
     */
    public static byte[] signWire(byte[] envelopeWire, String keyId, PrivateKey key) throws InvalidProtocolBufferException {
        SignatureAlgorithm algorithm = SignatureAlgorithm.of(key);
        byte[] unsigned = withoutSignature(envelopeWire);
        Signature signature = Signature.newBuilder().setKeyId(keyId).setAlgorithm(algorithm.wireName())
                .setValue(ByteString.copyFrom(algorithm.sign(key, signedBytes(unsigned)))).build();
        ByteArrayOutputStream wire = new ByteArrayOutputStream(unsigned.length + 100);
        wire.writeBytes(unsigned);
        wire.writeBytes(Envelope.newBuilder().setSignature(signature).build().toByteArray());
        return wire.toByteArray();
    }

    private static byte[] withoutSignature(byte[] envelopeWire) throws InvalidProtocolBufferException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelopeWire.length);
        CodedInputStream in = CodedInputStream.newInstance(envelopeWire);
        try {
            while (true) {
                int start = in.getTotalBytesRead();
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (!in.skipField(tag)) {
                    throw new InvalidProtocolBufferException("an end-group tag at byte " + start + " outside a group");
                }
                if (WireFormat.getTagFieldNumber(tag) != Envelope.SIGNATURE_FIELD_NUMBER) {
                    out.write(envelopeWire, start, in.getTotalBytesRead() - start);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return out.toByteArray();
    }

    /**
     * The bytes of the one length-delimited field {@code fieldNumber} of
     * {@code message} (e.g. the envelope inside a GatewayFrame), as
     * transmitted; empty when it is absent or appears more than once (a
     * parser would merge the copies, and the merge is not what was signed).
     */
    public static java.util.Optional<byte[]> embedded(byte[] message, int fieldNumber) {
        CodedInputStream in = CodedInputStream.newInstance(message);
        byte[] found = null;
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return java.util.Optional.ofNullable(found);
                }
                if (WireFormat.getTagFieldNumber(tag) == fieldNumber
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    if (found != null) {
                        return java.util.Optional.empty();
                    }
                    found = in.readByteArray();
                } else if (!in.skipField(tag)) {
                    return java.util.Optional.empty();
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Signs {@code envelope} (any signature it carries is replaced) as {@code keyId}. */
    public static Signed sign(Envelope envelope, String keyId, PrivateKey key) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.of(key);
        byte[] unsigned = envelope.toBuilder().clearSignature().build().toByteArray();
        byte[] value;
        try {
            value = algorithm.sign(key, signedBytes(unsigned));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("protobuf wrote bytes it cannot read back", e);
        }
        Signature signature = Signature.newBuilder().setKeyId(keyId).setAlgorithm(algorithm.wireName())
                .setValue(ByteString.copyFrom(value)).build();
        // The unsigned bytes followed by field 8: exactly the bytes signed, whatever the encoder.
        ByteArrayOutputStream wire = new ByteArrayOutputStream(unsigned.length + 100);
        wire.writeBytes(unsigned);
        wire.writeBytes(Envelope.newBuilder().setSignature(signature).build().toByteArray());
        return new Signed(envelope.toBuilder().setSignature(signature).build(), wire.toByteArray());
    }

    /**
     * Whether the signature on the envelope in {@code envelopeWire} is a valid
     * {@code algorithm} signature by {@code key}. Malformed bytes are false.
     */
    public static boolean verify(byte[] envelopeWire, Signature signature, SignatureAlgorithm algorithm, PublicKey key) {
        try {
            return algorithm.verify(key, signedBytes(envelopeWire), signature.getValue().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
