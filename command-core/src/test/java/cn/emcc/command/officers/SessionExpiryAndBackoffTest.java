package cn.emcc.command.officers;

import cn.emcc.command.http.Json;
import cn.emcc.command.testsupport.Await;
import cn.emcc.command.testsupport.JournalUnderTest;
import cn.emcc.command.testsupport.RunningNode;
import cn.emcc.command.testsupport.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a real node's HTTP port: a session token correctly signed with the
 * node's own session key but past its expiry is refused with 401, while the
 * same token minted unexpired is accepted; a failed login locks the account
 * for a time that doubles with each further failure, and the 429 says when
 * to come back (Retry-After); one address that keeps failing is refused with
 * 429 and Retry-After, whatever username and password it tries next.
 */
class SessionExpiryAndBackoffTest {

    @TempDir
    Path scratch;

    private static String login(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** The node's own session signer (the key every test node is configured with), with its clock at {@code now}. */
    private static SessionTokens nodeKeyAt(Instant now, Duration ttl) {
        byte[] key = Base64.getDecoder().decode(RunningNode.officers().getString("emcc.officers.session-key"));
        return new SessionTokens(key, ttl, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void a_token_signed_by_the_node_but_past_its_expiry_is_refused_and_account_locks_double() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store, ConfigFactory.parseString(
                     "emcc.officers.lockout { max-failures = 2, first-lock = 15s, max-lock = 1h }"))) {
            String issued = node.token("expiry.check@370102");
            var claims = SignedJWT.parse(issued).getJWTClaimsSet();
            Account account = new Account(claims.getSubject(), "expiry check", Role.DUTY_OFFICER, "370102", false, "",
                    false, 0, null, claims.getLongClaim("gen"));
            assertThat(node.send("GET", "/v1/session", issued, null).statusCode()).isEqualTo(200);

            String fresh = nodeKeyAt(Instant.now(), Duration.ofHours(8)).issue(account).token();
            assertThat(node.send("GET", "/v1/session", fresh, null).statusCode())
                    .as("minted unexpired with the node's key: accepted").isEqualTo(200);

            Instant nineHoursAgo = Instant.now().minus(Duration.ofHours(9));
            SessionTokens.Session expired = nodeKeyAt(nineHoursAgo, Duration.ofHours(8)).issue(account);
            assertThat(expired.expiresAt()).isBefore(Instant.now());
            HttpResponse<String> refused = node.send("GET", "/v1/session", expired.token(), null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"emcc\"");
            assertThat(Json.MAPPER.readTree(refused.body()).path("reason").asText()).contains("expired");
            assertThat(node.send("GET", "/v1/incidents", expired.token(), null).statusCode()).isEqualTo(401);

            String justExpired = nodeKeyAt(Instant.now().minusSeconds(2), Duration.ofSeconds(1)).issue(account).token();
            assertThat(node.send("GET", "/v1/session", justExpired, null).statusCode()).isEqualTo(401);

            // The account lockout: 2 free failures, then 15 s, doubling (long enough that no pause of the build lifts it early).
            String admin = node.login("admin", RunningNode.ADMIN_PASSWORD);
            node.token("lock.me@370102");
            assertThat(node.send("POST", "/v1/session", null, login("lock.me", "wrong one")).statusCode()).isEqualTo(401);
            Instant before = Instant.now();
            assertThat(node.send("POST", "/v1/session", null, login("lock.me", "wrong two")).statusCode()).isEqualTo(401);
            Instant after = Instant.now();
            Instant firstLock = lockedUntil(node, admin, "lock.me");
            assertThat(firstLock.minus(Duration.ofSeconds(15))).isBetween(before, after);

            HttpResponse<String> locked = node.send("POST", "/v1/session", null, login("lock.me", "wrong three"));
            assertThat(locked.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 15L);
            assertThat(lockedUntil(node, admin, "lock.me")).as("a try while locked does not lengthen the lock")
                    .isEqualTo(firstLock);

            // Once the lock has lifted, the next failure locks for twice as long.
            Await.until("the first lock of lock.me has ended", Duration.ofSeconds(60),
                    () -> Instant.now().isAfter(firstLock));
            Instant third = Instant.now();
            assertThat(node.send("POST", "/v1/session", null, login("lock.me", "wrong again")).statusCode())
                    .isEqualTo(401);
            Instant afterThird = Instant.now();
            Instant secondLock = lockedUntil(node, admin, "lock.me");
            assertThat(secondLock.minus(Duration.ofSeconds(30))).isBetween(third, afterThird);
            HttpResponse<String> lockedAgain = node.send("POST", "/v1/session", null, login("lock.me", "wrong four"));
            assertThat(lockedAgain.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(lockedAgain.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
        }
    }

    private static Instant lockedUntil(RunningNode node, String admin, String username) throws Exception {
        HttpResponse<String> list = node.send("GET", "/v1/officers", admin, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode a : Json.MAPPER.readTree(list.body())) {
            if (a.path("username").asText().equals(username)) {
                assertThat(a.path("locked_until").isTextual()).as("%s", a).isTrue();
                return Instant.parse(a.path("locked_until").asText());
            }
        }
        throw new AssertionError(username + " not in " + list.body());
    }

    @Test
    void an_address_that_keeps_failing_is_refused_with_429_and_retry_after_even_with_the_right_password() throws Exception {
        try (TestStore store = JournalUnderTest.H2.freshStore(scratch);
             RunningNode node = RunningNode.start(store, ConfigFactory.parseString(
                     "emcc.officers.address-backoff { max-failures = 3, lock = 1h }"))) {
            // Logged in before the guessing starts; a good session is not affected by the address lock.
            String admin = node.login("admin", RunningNode.ADMIN_PASSWORD);
            for (String user : new String[] {"guess.one", "guess.two", "admin"}) {
                HttpResponse<String> wrong = node.send("POST", "/v1/session", null, login(user, "not the password"));
                assertThat(wrong.statusCode()).as(user).isEqualTo(401);
                assertThat(wrong.headers().firstValue("Retry-After")).isEmpty();
            }

            HttpResponse<String> refused = node.send("POST", "/v1/session", null, login("admin", RunningNode.ADMIN_PASSWORD));
            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(3500L, 3600L);
            assertThat(Json.MAPPER.readTree(refused.body()).path("reason").asText())
                    .isEqualTo("too many failed logins; try again in " + retryAfter + " s");
            assertThat(node.send("POST", "/v1/session", null, login("guess.three", "x")).statusCode()).isEqualTo(429);

            assertThat(node.send("GET", "/v1/session", admin, null).statusCode()).isEqualTo(200);
            HttpResponse<String> accounts = node.send("GET", "/v1/officers", admin, null);
            assertThat(accounts.statusCode()).isEqualTo(200);
            for (JsonNode a : Json.MAPPER.readTree(accounts.body())) {
                if (a.path("username").asText().equals("admin")) {
                    assertThat(a.path("locked_until").isNull()).as("the address is locked, not the admin account").isTrue();
                }
            }
        }
    }
}
