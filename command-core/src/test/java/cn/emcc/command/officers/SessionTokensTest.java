package cn.emcc.command.officers;

import cn.emcc.command.testsupport.HandClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Session tokens with a clock the test moves: good until their expiry and not at it; only the node's key signs them. */
class SessionTokensTest {

    private static final Account OFFICER = new Account("li.si", "李四", Role.DUTY_OFFICER, "370102", false, "", false, 0,
            null, 3);

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void a_token_is_good_until_its_expiry_and_refused_from_then_on() {
        HandClock clock = new HandClock(Instant.parse("2026-12-07T08:00:00Z"));
        SessionTokens tokens = new SessionTokens(key(), Duration.ofHours(8), clock);
        SessionTokens.Session issued = tokens.issue(OFFICER);
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(8)));

        SessionTokens.Session verified = tokens.verify(issued.token()).orElseThrow();
        assertThat(verified.username()).isEqualTo("li.si");
        assertThat(verified.generation()).isEqualTo(3);
        assertThat(verified.tokenId()).isEqualTo(issued.tokenId());

        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(tokens.verify(issued.token())).as("a second before expiry").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(issued.token())).as("at expiry").isEmpty();
        clock.advance(Duration.ofDays(365));
        assertThat(tokens.verify(issued.token())).isEmpty();
    }

    @Test
    void a_token_signed_with_another_key_or_changed_is_refused() {
        HandClock clock = new HandClock(Instant.parse("2026-12-07T08:00:00Z"));
        SessionTokens ours = new SessionTokens(key(), Duration.ofHours(8), clock);
        SessionTokens theirs = new SessionTokens(key(), Duration.ofHours(8), clock);
        String token = ours.issue(OFFICER).token();

        assertThat(theirs.verify(token)).isEmpty();
        assertThat(ours.verify(theirs.issue(OFFICER).token())).isEmpty();
        String[] parts = token.split("\\.");
        String otherPayload = ours.issue(new Account("admin", "admin", Role.ADMIN, "370000", false, "", false, 0, null, 3))
                .token().split("\\.")[1];
        assertThat(ours.verify(parts[0] + "." + otherPayload + "." + parts[2])).as("payload swapped").isEmpty();
        assertThat(ours.verify(parts[0] + "." + parts[1] + ".")).as("signature removed").isEmpty();
        assertThat(ours.verify("not a token")).isEmpty();
    }
}
