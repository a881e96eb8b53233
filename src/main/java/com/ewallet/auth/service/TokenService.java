package com.ewallet.auth.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

import com.ewallet.auth.AuthConfig;
import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.IssuedToken;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.TokenType;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issues and verifies tokens with SmallRye JWT. Only RS256 with our key and issuer is accepted, so {@code alg: none},
 * HMAC confusion, foreign keys and foreign issuers all fail verification.
 */
@Singleton
public class TokenService {

    static final String TYPE = "type";
    static final String SESSION = "sid";
    static final String CSRF = "csrf";
    static final String ROLE = "role";
    static final String APP = "app";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final JWTParser parser;
    private final JWTAuthContextInfo verification;
    private final String issuer;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Duration walletTtl;
    private final Cache<String, Verified> verified;
    // Derived from the signing key, so every replica checks what any replica issued.
    private final byte[] csrfKey;
    // Derives the random-looking parts of a token pair from its session and refresh jti, so that any replica can
    // issue the very same pair again (refresh grace) without the tokens being stored anywhere.
    private final byte[] pairKey;

    public TokenService(SigningKeys keys, JWTParser parser, AuthConfig config) {
        this.keys = keys;
        this.parser = parser;
        this.issuer = config.auth().issuer();
        this.accessTtl = config.auth().accessTokenTtl();
        this.refreshTtl = config.auth().refreshTokenTtl();
        this.walletTtl = config.developer().accessTokenTtl();
        this.verification = new JWTAuthContextInfo(keys.publicKey(), issuer);
        this.verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        this.verification.setExpGracePeriodSecs(0);
        this.verification.setClockSkew(0);
        this.verification.setRequiredClaims(Set.of("sub", "jti", "exp", TYPE, SESSION));
        this.verified = Caffeine.newBuilder().maximumSize(config.auth().verifiedTokenCacheSize()).build();
        this.csrfKey = Hashes
                .sha256Hex("csrf-hmac:" + Base64.getEncoder().encodeToString(keys.privateKey().getEncoded()))
                .getBytes(StandardCharsets.US_ASCII);
        this.pairKey = Hashes
                .sha256Hex("token-pair:" + Base64.getEncoder().encodeToString(keys.privateKey().getEncoded()))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The cookie token pair of a session whose current refresh token has {@code refreshJti}, issued at {@code issuedAt}
     * (whole seconds count). Everything else in the pair (the access token's jti, both CSRF nonces) is derived from
     * those with a key only the service has, and RS256 (PKCS#1 v1.5) signatures are deterministic: the same arguments
     * give the same two tokens, byte for byte, on every replica.
     */
    public LoginTokens issuePair(long userId, String sessionId, String refreshJti, String role, Instant issuedAt) {
        Instant at = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        String seed = sessionId + ":" + refreshJti;
        return new LoginTokens(
                issue(TokenType.ACCESS, userId, sessionId, derived("access-jti:" + seed),
                        derived("access-csrf:" + seed), role, at),
                issue(TokenType.REFRESH, userId, sessionId, refreshJti, derived("refresh-csrf:" + seed), role, at));
    }

    /**
     * The jti of the refresh token that replaces {@code refreshJti} in a rotation: unpredictable without the service's
     * key, and recomputable, so a refresh token shown again can be recognised as the one just rotated out.
     */
    public String nextRefreshJti(String sessionId, String refreshJti) {
        return derived("next-refresh:" + sessionId + ":" + refreshJti);
    }

    /**
     * The opaque wallet refresh token that replaces {@code refreshToken} in a rotation ({@code <session id>.<43
     * characters>}), derived like {@link #nextRefreshJti}; only its SHA-256 is stored.
     */
    public String nextWalletRefresh(String sessionId, String refreshToken) {
        return sessionId + "." + BASE64URL.encodeToString(
                HexFormat.of().parseHex(Hashes.hmacSha256Hex(pairKey, "next-wallet-refresh:" + refreshToken)));
    }

    /**
     * A cookie token (access or refresh) with its CSRF value. {@code role} is the user's role as the database had it
     * when the pair was issued, for the client's information; the service itself never trusts it.
     */
    private IssuedToken issue(TokenType type, long userId, String sessionId, String jti, String nonce, String role,
            Instant issuedAt) {
        Duration ttl = type == TokenType.ACCESS ? accessTtl : refreshTtl;
        // The CSRF value names the session so that logout can end it from the csrf_* cookies alone, which
        // are the only ones a browser sends to /token/remove; its MAC keeps anyone who merely knows the
        // session id (it is inside wallet tokens too) from forging one.
        String csrf = sessionId + "." + nonce + "." + csrfMac(sessionId, nonce);
        JwtClaimsBuilder claims = base(type, Long.toString(userId), sessionId, jti, ttl, issuedAt).claim(CSRF, csrf)
                .claim(ROLE, role);
        return new IssuedToken(sign(claims), csrf, ttl.toSeconds());
    }

    /**
     * A developer-API wallet access token, valid only together with the key of {@code appId}. Apps can read it, so its
     * subject is the user's public id, never the database key.
     */
    public IssuedToken issueWallet(String userPublicId, String sessionId, long appId) {
        return signWallet(userPublicId, sessionId, appId, RandomIds.token(), Instant.now());
    }

    /**
     * The wallet access token that goes with the wallet refresh token whose SHA-256 is {@code refreshHash}, issued at
     * {@code issuedAt}: the same arguments give the same token (see {@link #issuePair}).
     */
    public IssuedToken issueWalletFor(String userPublicId, String sessionId, long appId, String refreshHash,
            Instant issuedAt) {
        return signWallet(userPublicId, sessionId, appId, derived("wallet-access-jti:" + sessionId + ":" + refreshHash),
                issuedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    private IssuedToken signWallet(String userPublicId, String sessionId, long appId, String jti, Instant issuedAt) {
        JwtClaimsBuilder claims = base(TokenType.WALLET, userPublicId, sessionId, jti, walletTtl, issuedAt).claim(APP,
                Long.toString(appId));
        return new IssuedToken(sign(claims), null, walletTtl.toSeconds());
    }

    public Duration refreshTtl() {
        return refreshTtl;
    }

    /**
     * Verifies signature, algorithm, issuer, expiry and type; fails with the matching 401. A token verified once is
     * remembered (bounded, per replica) until it expires: the signature check and parsing were a fifth of the service's
     * CPU per request under load. Only successes are remembered, and expiry is still checked on every use; whether the
     * session is live is the caller's check, against the database, every time.
     */
    public TokenClaims verify(String jwt, TokenType expected) {
        Verified known = verified.getIfPresent(jwt);
        if (known != null && known.claims().type() == expected) {
            if (Instant.now().getEpochSecond() >= known.expiresAt()) {
                verified.invalidate(jwt);
                throw AuthErrors.expired();
            }
            return known.claims();
        }
        JsonWebToken token;
        try {
            token = parser.parse(jwt, verification);
        } catch (ParseException e) {
            throw isExpiry(e) ? AuthErrors.expired() : AuthErrors.invalid();
        }
        TokenClaims claims = claims(token, expected);
        verified.put(jwt, new Verified(claims, token.getExpirationTime()));
        return claims;
    }

    private static TokenClaims claims(JsonWebToken token, TokenType expected) {
        String type = token.getClaim(TYPE);
        if (!expected.claim().equals(type)) {
            throw AuthErrors.wrongType(expected);
        }
        String subject = token.getSubject();
        if (subject == null || subject.isEmpty()) {
            throw AuthErrors.invalid();
        }
        long userId = 0;
        if (expected != TokenType.WALLET) {
            try {
                userId = Long.parseLong(subject);
            } catch (NumberFormatException e) {
                throw AuthErrors.invalid();
            }
        }
        String csrf = token.getClaim(CSRF);
        String app = token.getClaim(APP);
        if (expected == TokenType.WALLET ? app == null : csrf == null) {
            throw AuthErrors.invalid();
        }
        Long appId;
        try {
            appId = app == null ? null : Long.valueOf(app);
        } catch (NumberFormatException e) {
            throw AuthErrors.invalid();
        }
        return new TokenClaims(userId, token.getClaim(SESSION), expected, token.getTokenID(), csrf, appId, subject);
    }

    /** A token that passed verification, and when it stops being valid (epoch seconds). */
    private record Verified(TokenClaims claims, long expiresAt) {
    }

    /** Checks the X-CSRF-TOKEN header against the token's claim, in constant time. */
    public static void checkCsrf(TokenClaims claims, String header) {
        if (header == null || header.isEmpty()) {
            throw AuthErrors.csrfMissing();
        }
        if (!Hashes.same(header, claims.csrf())) {
            throw AuthErrors.csrfMismatch();
        }
    }

    /** The session a CSRF value names, or null when it is not one this service issued (its MAC does not check). */
    public String sessionOfCsrf(String csrf) {
        String sessionId = sessionPrefix(csrf);
        if (sessionId == null) {
            return null;
        }
        String[] parts = csrf.split("\\.", -1);
        return parts.length == 3 && Hashes.same(parts[2], csrfMac(parts[0], parts[1])) ? sessionId : null;
    }

    /**
     * The session id an opaque value ({@code <session id>.<random>}) starts with, or null when it is not of that form.
     */
    public static String sessionPrefix(String value) {
        if (value == null) {
            return null;
        }
        int dot = value.indexOf('.');
        return dot == 22 ? value.substring(0, dot) : null;
    }

    private String csrfMac(String sessionId, String nonce) {
        return Hashes.hmacSha256Hex(csrfKey, "csrf:" + sessionId + "." + nonce).substring(0, 32);
    }

    private JwtClaimsBuilder base(TokenType type, String subject, String sessionId, String jti, Duration ttl,
            Instant issuedAt) {
        return Jwt.issuer(issuer).subject(subject).claim("jti", jti).claim(TYPE, type.claim()).claim(SESSION, sessionId)
                .issuedAt(issuedAt).expiresAt(issuedAt.plus(ttl));
    }

    /** 128 bits of HMAC-SHA-256 under the pair key, as 22 base64url characters (the shape of a random id). */
    private String derived(String input) {
        byte[] mac = HexFormat.of().parseHex(Hashes.hmacSha256Hex(pairKey, input));
        return BASE64URL.encodeToString(Arrays.copyOf(mac, 16));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(keys.privateKey());
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
