package cn.emcc.command.gateway;

import cn.emcc.protocols.trust.EnvelopeSignatures;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.GatewayFrame;
import cn.emcc.protocols.v1.RejectionCode;
import cn.emcc.protocols.v1.Signature;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks that an envelope on an admitted connection is signed by that
 * connection's key, which is still active (a key revoked since the connection
 * opened is refused from its next envelope on), and was sent recently: a
 * replay inside the window is a duplicate by message id, one outside it is
 * refused here.
 */
public final class EnvelopeAuthenticator {

    private final AgencyKeys keys;
    private final Duration maxAge;
    private final Duration maxAhead;
    private final Clock clock;

    public EnvelopeAuthenticator(AgencyKeys keys, Duration maxAge, Duration maxAhead, Clock clock) {
        this.keys = keys;
        this.maxAge = maxAge;
        this.maxAhead = maxAhead;
        this.clock = clock;
    }

    /** The rejection for {@code envelope} (whose exact bytes are {@code wire}), or empty when it may go on. */
    public Optional<GatewayFrame> refusal(AgencyIdentity who, byte[] wire, Envelope envelope) {
        String id = envelope.getMessageId();
        if (!envelope.hasSignature() || envelope.getSignature().getValue().isEmpty()) {
            return refuse(id, "signature", "the envelope is unsigned; expected an Ed25519 signature by key '"
                    + who.keyId() + "'");
        }
        Signature sig = envelope.getSignature();
        if (!sig.getKeyId().equals(who.keyId())) {
            return refuse(id, "signature.key_id", "signed by key '" + sig.getKeyId()
                    + "' but this connection is authenticated as key '" + who.keyId() + "'");
        }
        var key = keys.current().active(who.keyId());
        if (key.isEmpty()) {
            return refuse(id, "signature.key_id", "key '" + who.keyId() + "' has been revoked");
        }
        if (!SignatureAlgorithm.ED25519.wireName().equalsIgnoreCase(sig.getAlgorithm())) {
            return refuse(id, "signature.algorithm", "algorithm is '" + sig.getAlgorithm() + "'; expected Ed25519");
        }
        if (!EnvelopeSignatures.verify(wire, sig, SignatureAlgorithm.ED25519, key.get().publicKey())) {
            return refuse(id, "signature.value", "the envelope does not match its signature by key '" + who.keyId()
                    + "': it was altered or signed with another key");
        }
        Instant sent = Instant.ofEpochSecond(envelope.getSent().getSeconds(), envelope.getSent().getNanos());
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(maxAge)) || sent.isAfter(now.plus(maxAhead))) {
            return Optional.of(Replies.reject(id, RejectionCode.REJECTION_CODE_TIME_OUT_OF_RANGE, "sent",
                    "sent " + sent + " is outside the accepted window of " + maxAge + " before to " + maxAhead
                            + " after emcc's clock (" + now + "); a signed envelope is good only that long"));
        }
        return Optional.empty();
    }

    private static Optional<GatewayFrame> refuse(String id, String field, String reason) {
        return Optional.of(Replies.reject(id, RejectionCode.REJECTION_CODE_UNAUTHENTICATED, field, reason));
    }
}
