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

    public record Refused(String reason) implements Outcome {
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
                    + " keyId=\"…\", ts=\"…\", nonce=\"…\", sig=\"…\" (see docs/security.md)");
        }
        AgencyHandshake h = parsed.get();
        var key = keys.current().active(h.keyId());
        if (key.isEmpty()) {
            return new Refused("key '" + h.keyId() + "' is not registered or is revoked");
        }
        long now = clock.millis();
        if (Math.abs(now - h.timestampMillis()) > window.toMillis()) {
            return new Refused("handshake ts " + h.timestampMillis() + " is " + (now - h.timestampMillis())
                    + " ms from emcc's clock; expected within " + window.toMillis() + " ms");
        }
        if (!SignatureAlgorithm.ED25519.verify(key.get().publicKey(), h.signedBytes(method, path), h.signature())) {
            return new Refused("handshake signature does not check with key '" + h.keyId() + "' for " + method + " " + path);
        }
        if (!remember(h.keyId() + " " + h.nonce(), now)) {
            return new Refused("handshake nonce already used: a handshake is good for one connection only");
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
