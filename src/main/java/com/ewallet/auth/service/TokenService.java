package com.ewallet.auth.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.IssuedToken;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.TokenType;
import com.ewallet.common.RandomIds;
import com.ewallet.common.WalletConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues and verifies the cookie tokens with SmallRye JWT. Only RS256 with our key and issuer is accepted, so
 * {@code alg: none}, HMAC confusion, foreign keys and foreign issuers all fail verification.
 */
@Singleton
public class TokenService {

    static final String TYPE = "type";
    static final String SESSION = "sid";
    static final String CSRF = "csrf";

    private final SigningKeys keys;
    private final JWTParser parser;
    private final JWTAuthContextInfo verification;
    private final String issuer;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public TokenService(SigningKeys keys, JWTParser parser, WalletConfig config) {
        this.keys = keys;
        this.parser = parser;
        this.issuer = config.auth().issuer();
        this.accessTtl = config.auth().accessTokenTtl();
        this.refreshTtl = config.auth().refreshTokenTtl();
        this.verification = new JWTAuthContextInfo(keys.publicKey(), issuer);
        this.verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        this.verification.setExpGracePeriodSecs(0);
        this.verification.setClockSkew(0);
        this.verification.setRequiredClaims(Set.of("sub", "jti", "exp", TYPE, SESSION, CSRF));
    }

    public IssuedToken issue(TokenType type, long userId, String sessionId, String jti) {
        Duration ttl = type == TokenType.ACCESS ? accessTtl : refreshTtl;
        // The CSRF value names the session so that logout can end it from the csrf_* cookies alone, which
        // are the only ones a browser sends to /token/remove.
        String csrf = sessionId + "." + RandomIds.token();
        Instant now = Instant.now();
        String jwt = Jwt.issuer(issuer).subject(Long.toString(userId)).claim("jti", jti).claim(TYPE, type.claim())
                .claim(SESSION, sessionId).claim(CSRF, csrf).issuedAt(now).expiresAt(now.plus(ttl)).jws()
                .algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
        return new IssuedToken(jwt, csrf, ttl.toSeconds());
    }

    public Duration refreshTtl() {
        return refreshTtl;
    }

    /** Verifies signature, algorithm, issuer, expiry and type; fails with the matching 401. */
    public TokenClaims verify(String jwt, TokenType expected) {
        JsonWebToken token;
        try {
            token = parser.parse(jwt, verification);
        } catch (ParseException e) {
            throw isExpiry(e) ? AuthErrors.expired() : AuthErrors.invalid();
        }
        String type = token.getClaim(TYPE);
        if (!expected.claim().equals(type)) {
            throw AuthErrors.wrongType(expected);
        }
        long userId;
        try {
            userId = Long.parseLong(token.getSubject());
        } catch (NumberFormatException e) {
            throw AuthErrors.invalid();
        }
        return new TokenClaims(userId, token.getClaim(SESSION), expected, token.getTokenID(), token.getClaim(CSRF));
    }

    /** Checks the X-CSRF-TOKEN header against the token's claim, in constant time. */
    public static void checkCsrf(TokenClaims claims, String header) {
        if (header == null || header.isEmpty()) {
            throw AuthErrors.csrfMissing();
        }
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                claims.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw AuthErrors.csrfMismatch();
        }
    }

    /** The session a CSRF value names, or null when it is not of our form. */
    public static String sessionOfCsrf(String csrf) {
        if (csrf == null) {
            return null;
        }
        int dot = csrf.indexOf('.');
        return dot == 22 ? csrf.substring(0, dot) : null;
    }

    private static boolean isExpiry(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }

}
