package cn.emcc.protocols.trust;

import cn.emcc.protocols.v1.Envelope;
import cn.emcc.protocols.v1.Signature;

import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The emcc order-signing keys an agency trusts (more than one while emcc
 * rolls its key over), each named by its {@link KeyPem#fingerprint}: checks
 * that a dispatch order really comes from emcc and arrived unaltered.
 */
public final class OrderKeys {

    private record Trusted(PublicKey key, SignatureAlgorithm algorithm) {
    }

    private final Map<String, Trusted> keys;

    private OrderKeys(Map<String, Trusted> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static OrderKeys of(PublicKey... trusted) {
        Map<String, Trusted> keys = new LinkedHashMap<>();
        for (PublicKey k : trusted) {
            keys.put(KeyPem.fingerprint(k), new Trusted(k, SignatureAlgorithm.of(k)));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no order key given; expected emcc's order-signing public key");
        }
        return new OrderKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * Why the envelope in {@code envelopeWire} may not be acted on, or empty
     * when it carries a valid signature by a trusted key.
     */
    public Optional<String> problem(Envelope envelope, byte[] envelopeWire) {
        if (!envelope.hasSignature() || envelope.getSignature().getValue().isEmpty()) {
            return Optional.of("envelope " + envelope.getMessageId() + " is unsigned; expected emcc's signature");
        }
        Signature sig = envelope.getSignature();
        Trusted trusted = keys.get(sig.getKeyId());
        if (trusted == null) {
            return Optional.of("envelope " + envelope.getMessageId() + " is signed by key '" + sig.getKeyId()
                    + "'; the trusted order keys are " + keys.keySet());
        }
        if (!trusted.algorithm().wireName().equalsIgnoreCase(sig.getAlgorithm())) {
            return Optional.of("envelope " + envelope.getMessageId() + " claims algorithm '" + sig.getAlgorithm()
                    + "'; key " + sig.getKeyId() + " is " + trusted.algorithm().wireName());
        }
        if (!EnvelopeSignatures.verify(envelopeWire, sig, trusted.algorithm(), trusted.key())) {
            return Optional.of("envelope " + envelope.getMessageId() + " does not match its signature by key "
                    + sig.getKeyId() + ": it was altered or signed by someone else");
        }
        return Optional.empty();
    }
}
