package cn.emcc.command.officers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Officer sessions as signed JWTs (HS256, nimbus-jose-jwt): subject the
 * username, a random token id (what logout revokes), issued-at, expiry, and
 * the account's session generation. Role and jurisdiction are not trusted from
 * the token: they are read from the account on every request.
 */
public final class SessionTokens {

    private static final String ISSUER = "emcc";
    private static final String GENERATION = "gen";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public SessionTokens(byte[] key, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("officer session key unusable for HS256: " + e.getMessage(), e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A signed token and what it claims. */
    public record Session(String token, String username, String tokenId, long generation, Instant expiresAt) {
    }

    public Session issue(Account account) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String id = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(account.username())
                .jwtID(id)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim(GENERATION, account.sessionGeneration())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an officer session failed", e);
        }
        return new Session(jwt.serialize(), account.username(), id, account.sessionGeneration(),
                Date.from(expires).toInstant());
    }

    /** The session of a token whose signature, issuer and expiry are good; empty otherwise. */
    public Optional<Session> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Long generation = claims.getLongClaim(GENERATION);
            if (exp == null || !exp.toInstant().isAfter(clock.instant()) || !ISSUER.equals(claims.getIssuer())
                    || claims.getSubject() == null || claims.getJWTID() == null || generation == null) {
                return Optional.empty();
            }
            return Optional.of(new Session(token, claims.getSubject(), claims.getJWTID(), generation, exp.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
