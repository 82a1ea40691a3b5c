package cn.emcc.command.gateway;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads only the message id of an encoded Envelope, for answering a frame the
 * gateway will not decode (rate limited): the agency client matches answers by
 * message id, so even a refusal without decoding must name it.
 */
final class EnvelopeIds {

    private static final int MESSAGE_ID_FIELD = 1;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private EnvelopeIds() {
    }

    /** The envelope's message id, or "" when the bytes do not carry a well-formed one. */
    static String peek(byte[] frame) {
        if (frame == null) {
            return "";
        }
        CodedInputStream in = CodedInputStream.newInstance(frame);
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == MESSAGE_ID_FIELD
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    String id = in.readStringRequireUtf8();
                    return SAFE.matcher(id).matches() ? id : "";
                }
                if (!in.skipField(tag)) {
                    return "";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
