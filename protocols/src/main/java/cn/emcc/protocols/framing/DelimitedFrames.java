package cn.emcc.protocols.framing;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The emcc.v1 stream framing: each message preceded by its length as a base-128
 * varint (protobuf's "delimited" format, {@code writeDelimitedTo}). Used for
 * the HTTP batch body and for files of recorded messages. Splitting never
 * parses the messages themselves, so one bad message cannot hide the others;
 * a bad frame (truncated, or longer than the limit) is reported, not thrown.
 */
public final class DelimitedFrames {

    private DelimitedFrames() {
    }

    /** One frame's bytes, or why the rest of the input could not be split. */
    public record Split(List<byte[]> frames, String error) {
        public boolean complete() {
            return error == null;
        }
    }

    public static byte[] join(List<? extends MessageLite> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (MessageLite m : messages) {
                m.writeDelimitedTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    public static byte[] joinRaw(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            for (byte[] f : frames) {
                coded.writeUInt32NoTag(f.length);
                coded.writeRawBytes(f);
            }
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Splits {@code body} into frames of at most {@code maxFrameBytes} and at
     * most {@code maxFrames} frames. Frames read before a bad one are returned
     * with the error describing the bad one.
     */
    public static Split split(byte[] body, int maxFrameBytes, int maxFrames) {
        List<byte[]> frames = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(body);
        try {
            while (!in.isAtEnd()) {
                if (frames.size() >= maxFrames) {
                    return new Split(frames, "more than " + maxFrames + " frames in one body");
                }
                int offset = in.getTotalBytesRead();
                int length = in.readRawVarint32();
                if (length < 0 || length > maxFrameBytes) {
                    return new Split(frames, "frame " + frames.size() + " at byte " + offset
                            + " declares " + Integer.toUnsignedString(length) + " bytes; the limit is " + maxFrameBytes);
                }
                if (body.length - in.getTotalBytesRead() < length) {
                    return new Split(frames, "frame " + frames.size() + " at byte " + offset
                            + " is truncated: declares " + length + " bytes, "
                            + (body.length - in.getTotalBytesRead()) + " remain");
                }
                frames.add(in.readRawBytes(length));
            }
        } catch (IOException e) {
            return new Split(frames, "frame " + frames.size() + ": malformed length prefix");
        }
        return new Split(frames, null);
    }
}
