package cn.emcc.command.gateway;

import cn.emcc.command.trust.DevKeySet;
import cn.emcc.protocols.trust.AgencyHandshake;
import cn.emcc.protocols.trust.SignatureAlgorithm;
import com.typesafe.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static cn.emcc.protocols.v1.Agency.AGENCY_POLICE;
import static cn.emcc.protocols.v1.Agency.AGENCY_WEATHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final KeyPair POLICE = SignatureAlgorithm.ED25519.generate();

    @TempDir
    Path dir;

    private HandshakeGuard guard(String status, int maxRemembered) throws Exception {
        Path file = dir.resolve("agency-keys.conf");
        Files.writeString(file, "agencies = [\n" + DevKeySet.entry("police-1", AGENCY_POLICE, "police",
                List.of("370000"), POLICE.getPublic(), status) + "]\n");
        return new HandshakeGuard(AgencyKeys.load(file), Duration.ofMinutes(5), maxRemembered,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Optional<String> header(Instant at) {
        return Optional.of(AgencyHandshake.header("police-1", POLICE.getPrivate(), "GET", "/v1/agency/stream", at));
    }

    @Test
    void a_fresh_handshake_is_admitted_once() throws Exception {
        HandshakeGuard guard = guard("active", 1000);
        Optional<String> h = header(NOW.minusSeconds(30));

        assertThat(guard.admit(h, "GET", "/v1/agency/stream")).isInstanceOfSatisfying(HandshakeGuard.Admitted.class,
                a -> assertThat(a.identity().keyId()).isEqualTo("police-1"));
        assertThat(guard.admit(h, "GET", "/v1/agency/stream")).isInstanceOfSatisfying(HandshakeGuard.Refused.class,
                r -> {
                    assertThat(r.reason()).contains("nonce already used");
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.NONCE_REUSED);
                    assertThat(r.claimedKeyId()).isEqualTo("police-1");
                    assertThat(r.claimedIdentity()).map(AgencyIdentity::keyId).contains("police-1");
                });
    }

    @Test
    void a_handshake_outside_the_clock_window_is_refused() throws Exception {
        HandshakeGuard guard = guard("active", 1000);
        assertThat(guard.admit(header(NOW.minus(Duration.ofMinutes(6))), "GET", "/v1/agency/stream"))
                .isInstanceOfSatisfying(HandshakeGuard.Refused.class, r -> {
                    assertThat(r.reason()).contains("ms from emcc's clock");
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.CLOCK_SKEW);
                });
        assertThat(guard.admit(header(NOW.plus(Duration.ofMinutes(6))), "GET", "/v1/agency/stream"))
                .isInstanceOf(HandshakeGuard.Refused.class);
    }

    @Test
    void a_revoked_key_and_a_handshake_for_another_path_are_refused() throws Exception {
        assertThat(guard("revoked", 1000).admit(header(NOW), "GET", "/v1/agency/stream"))
                .isInstanceOfSatisfying(HandshakeGuard.Refused.class, r -> {
                    assertThat(r.reason()).contains("revoked");
                    // The holder a revoked key had is still named, as a claim.
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.REVOKED_KEY);
                    assertThat(r.claimedIdentity()).map(AgencyIdentity::keyId).contains("police-1");
                });
        assertThat(guard("active", 1000).admit(header(NOW), "POST", "/v1/agency/messages"))
                .isInstanceOfSatisfying(HandshakeGuard.Refused.class, r -> {
                    assertThat(r.reason()).contains("does not check");
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.BAD_SIGNATURE);
                    assertThat(r.claimedKeyId()).isEqualTo("police-1");
                });
    }

    @Test
    void a_refusal_names_the_key_id_claimed_and_why() throws Exception {
        HandshakeGuard guard = guard("active", 1000);
        assertThat(guard.admit(Optional.empty(), "GET", "/v1/agency/stream"))
                .isInstanceOfSatisfying(HandshakeGuard.Refused.class, r -> {
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.NO_CREDENTIAL);
                    assertThat(r.claimedKeyId()).isEmpty();
                    assertThat(r.claimedIdentity()).isEmpty();
                });
        Optional<String> unknown = Optional.of(AgencyHandshake.header("fire-9", POLICE.getPrivate(), "GET",
                "/v1/agency/stream", NOW));
        assertThat(guard.admit(unknown, "GET", "/v1/agency/stream"))
                .isInstanceOfSatisfying(HandshakeGuard.Refused.class, r -> {
                    assertThat(r.why()).isEqualTo(HandshakeGuard.Why.UNKNOWN_KEY);
                    assertThat(r.claimedKeyId()).isEqualTo("fire-9");
                    assertThat(r.claimedIdentity()).isEmpty();
                });
    }

    @Test
    void when_the_nonce_memory_is_full_of_live_nonces_new_handshakes_wait() throws Exception {
        HandshakeGuard guard = guard("active", 2);
        assertThat(guard.admit(header(NOW), "GET", "/v1/agency/stream")).isInstanceOf(HandshakeGuard.Admitted.class);
        assertThat(guard.admit(header(NOW), "GET", "/v1/agency/stream")).isInstanceOf(HandshakeGuard.Admitted.class);
        assertThat(guard.admit(header(NOW), "GET", "/v1/agency/stream")).isInstanceOf(HandshakeGuard.Refused.class);
    }

    @Test
    void a_registry_entry_may_only_narrow_its_agencys_kinds() {
        String entry = "agencies = [ { key-id = \"wx\", agency = WEATHER, name = \"wx\", jurisdictions = [\"370000\"],"
                + " kinds = [POLICE_REPORT], public-key = \"" + cn.emcc.protocols.trust.KeyPem.base64(POLICE.getPublic())
                + "\" } ]";
        assertThatThrownBy(() -> AgencyKeyRegistry.parse(entry, "test"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining(AGENCY_WEATHER + " may never send MESSAGE_KIND_POLICE_REPORT");
    }
}
