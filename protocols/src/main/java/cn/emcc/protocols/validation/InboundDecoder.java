package cn.emcc.protocols.validation;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Violation;
import com.google.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway does with each inbound frame before anything else: refuse
 * it unread when it is too large, parse it as an emcc.v1 Envelope, and
 * validate it. The answer is either an envelope fit to act on or the
 * rejection to send back; it never throws, whatever the bytes.
 */
public final class InboundDecoder {

    private static final Logger log = LoggerFactory.getLogger(InboundDecoder.class);

    private final EnvelopeValidator validator;
    private final ValidationLimits limits;

    public InboundDecoder(EnvelopeValidator validator, ValidationLimits limits) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Decoded decode(byte[] frame) {
        if (frame == null || frame.length == 0) {
            return invalid("", RejectionCode.REJECTION_CODE_MALFORMED,
                    "the frame is empty; expected an encoded emcc.v1 Envelope");
        }
        if (frame.length > limits.maxMessageBytes()) {
            return invalid("", RejectionCode.REJECTION_CODE_TOO_LARGE,
                    "the frame has " + frame.length + " bytes; expected at most " + limits.maxMessageBytes());
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            return invalid("", RejectionCode.REJECTION_CODE_MALFORMED,
                    "the frame is not an emcc.v1 Envelope: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("parsing a frame of {} bytes failed unexpectedly", frame.length, e);
            return invalid("", RejectionCode.REJECTION_CODE_MALFORMED,
                    "the frame is not an emcc.v1 Envelope");
        }
        List<Violation> violations = validator.validate(envelope);
        if (violations.isEmpty()) {
            return new Decoded.Valid(envelope);
        }
        return new Decoded.Invalid(Rejections.of(echoedId(envelope.getMessageId()), violations));
    }

    /** The sender's message id for correlation, unless it is too long to repeat back. */
    private String echoedId(String messageId) {
        return messageId.length() <= limits.maxIdChars() ? messageId : "";
    }

    private static Decoded invalid(String messageId, RejectionCode code, String reason) {
        return new Decoded.Invalid(Rejections.of(messageId, code, "", reason));
    }
}
