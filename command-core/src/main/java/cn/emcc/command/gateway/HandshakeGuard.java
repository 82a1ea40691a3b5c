package cn.emcc.command.gateway;

import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.SignatureAlgorithm;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits an agency connection (or batch POST) on a signed
 * {@link AgencyHandshake}: the key must be registered and active, the
 * timestamp within {@code window} of our clock, the signature good for this
 * method and path, and the nonce never seen before. Nonces are remembered
 * until their handshake could no longer pass the time check, so a captured
 * header cannot be used again. Only correctly signed handshakes are
 * remembered, so only a key holder can fill the memory, and it is bounded.
 * Node-local: see docs/security.md for what that means in a cluster.
 */
public final class HandshakeGuard {

    /** Who was admitted, or why not. */
    public sealed interface Outcome {
    }

    public record Admitted(AgencyIdentity identity) implements Outcome {
    }

    /**
     * Refused, with the reason told to the caller, why in one word, the key id the
     * handshake claimed (empty when no handshake could be read) and, when that key is
     * registered, the identity its holder would have: a claim, not proven.
     */
    public record Refused(String reason, Why why, String claimedKeyId, Optional<AgencyIdentity> claimedIdentity)
            implements Outcome {
    }

    /** Why a handshake was refused. */
    public enum Why {
        NO_CREDENTIAL,
        UNKNOWN_KEY,
        REVOKED_KEY,
        CLOCK_SKEW,
        BAD_SIGNATURE,
        NONCE_REUSED
    }

    private final AgencyKeys keys;
    private final Duration window;
    private final int maxRemembered;
    private final Clock clock;
    private final Map<String, Long> seenUntil = new ConcurrentHashMap<>();

    public HandshakeGuard(AgencyKeys keys, Duration window, int maxRemembered, Clock clock) {
        this.keys = keys;
        this.window = window;
        this.maxRemembered = maxRemembered;
        this.clock = clock;
    }

    public Outcome admit(Optional<String> authorization, String method, String path) {
        Optional<AgencyHandshake> parsed = authorization.flatMap(AgencyHandshake::parse);
        if (parsed.isEmpty()) {
            return new Refused("an agency credential is required: Authorization: " + AgencyHandshake.SCHEME
                    + " keyId=\"…\", ts=\"…\", nonce=\"…\", sig=\"…\" (see docs/security.md)", Why.NO_CREDENTIAL, "",
                    Optional.empty());
        }
        AgencyHandshake h = parsed.get();
        var registered = keys.current().find(h.keyId());
        Optional<AgencyIdentity> claimed = registered.map(AgencyKeyRegistry.RegisteredKey::identity);
        var key = keys.current().active(h.keyId());
        if (key.isEmpty()) {
            return new Refused("key '" + h.keyId() + "' is not registered or is revoked",
                    registered.isEmpty() ? Why.UNKNOWN_KEY : Why.REVOKED_KEY, h.keyId(), claimed);
        }
        long now = clock.millis();
        if (Math.abs(now - h.timestampMillis()) > window.toMillis()) {
            return new Refused("handshake ts " + h.timestampMillis() + " is " + (now - h.timestampMillis())
                    + " ms from emcc's clock; expected within " + window.toMillis() + " ms", Why.CLOCK_SKEW, h.keyId(),
                    claimed);
        }
        if (!SignatureAlgorithm.ED25519.verify(key.get().publicKey(), h.signedBytes(method, path), h.signature())) {
            return new Refused("handshake signature does not check with key '" + h.keyId() + "' for " + method + " " + path,
                    Why.BAD_SIGNATURE, h.keyId(), claimed);
        }
        if (!remember(h.keyId() + " " + h.nonce(), now)) {
            return new Refused("handshake nonce already used: a handshake is good for one connection only",
                    Why.NONCE_REUSED, h.keyId(), claimed);
        }
        return new Admitted(key.get().identity());
    }

    private boolean remember(String nonce, long now) {
        if (seenUntil.size() >= maxRemembered) {
            seenUntil.values().removeIf(until -> until < now);
            if (seenUntil.size() >= maxRemembered) {
                return false;
            }
        }
        // Outlives the handshake's own chance: ts may be up to one window ahead of now.
        return seenUntil.putIfAbsent(nonce, now + 2 * window.toMillis() + 1) == null;
    }
}
