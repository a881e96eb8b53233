package com.ewallet.auth.service;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthConfig;
import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.AuthSession;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.TokenType;
import com.ewallet.auth.WalletTokens;
import com.ewallet.auth.repository.AuthSessionRepository;
import com.ewallet.common.Clock;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sessions on the server, for cookie logins and for developer apps alike: opened at login, rotated at refresh (an
 * already-rotated refresh token revokes the session), revoked at logout or app revocation.
 */
@ApplicationScoped
public class SessionService {

    static final String REASON_LOGOUT = "LOGOUT";
    static final String REASON_REUSE = "REFRESH_REUSE";
    static final String REASON_APP_REVOKED = "APP_REVOKED";

    private final AuthSessionRepository sessions;
    private final TokenService tokens;
    private final Duration walletRefreshTtl;
    private final boolean rotateWalletRefresh;

    public SessionService(AuthSessionRepository sessions, TokenService tokens, AuthConfig config) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.walletRefreshTtl = config.developer().refreshTokenTtl();
        this.rotateWalletRefresh = config.developer().rotateRefreshTokens();
    }

    @WithTransaction
    public Uni<LoginTokens> open(long userId, String role) {
        AuthSession session = newSession(userId, null, tokens.refreshTtl());
        session.refreshJti = RandomIds.token();
        return sessions.persist(session).map(s -> issue(s, role));
    }

    @WithTransaction
    public Uni<RotateOutcome<LoginTokens>> rotate(TokenClaims refresh) {
        return rotateLocked(refresh.sessionId(), tokens.refreshTtl(),
                s -> s.userId == refresh.userId() && s.appId == null, s -> s.refreshJti.equals(refresh.jti()), s -> {
                    s.refreshJti = RandomIds.token();
                    return issue(s, refresh.role());
                });
    }

    @WithTransaction
    public Uni<WalletTokens> openWallet(long userId, String userPublicId, long appId) {
        AuthSession session = newSession(userId, appId, walletRefreshTtl);
        session.userPublicId = userPublicId;
        String refresh = newWalletRefresh(session);
        return sessions.persist(session).map(s -> walletTokens(s, refresh));
    }

    /**
     * A new wallet access token for a refresh token of {@code appId} (another app's token counts as unknown). By
     * default the refresh token stays as it is, valid until its session expires or is revoked; with
     * {@code wallet.developer.rotate-refresh-tokens} it rotates, with reuse detection.
     */
    public Uni<RotateOutcome<WalletTokens>> refreshWallet(String refreshToken, long appId) {
        if (rotateWalletRefresh) {
            return rotateWallet(refreshToken, appId);
        }
        String sessionId = TokenService.sessionPrefix(refreshToken);
        if (sessionId == null) {
            return Uni.createFrom().item(RotateOutcome.revoked());
        }
        LocalDateTime now = Clock.nowUtc();
        return sessions.findById(sessionId).map(s -> {
            if (s == null || !Objects.equals(s.appId, appId) || !s.isActive(now)
                    || !Hashes.same(s.refreshJti, Hashes.sha256Hex(refreshToken))) {
                return RotateOutcome.revoked();
            }
            return new RotateOutcome<>(walletTokens(s, refreshToken), false);
        });
    }

    /** Rotates an opaque wallet refresh token of {@code appId}; another app's token counts as unknown. */
    @WithTransaction
    Uni<RotateOutcome<WalletTokens>> rotateWallet(String refreshToken, long appId) {
        String sessionId = TokenService.sessionPrefix(refreshToken);
        if (sessionId == null) {
            return Uni.createFrom().item(RotateOutcome.revoked());
        }
        return rotateLocked(sessionId, walletRefreshTtl, s -> Objects.equals(s.appId, appId),
                s -> Hashes.same(s.refreshJti, Hashes.sha256Hex(refreshToken)),
                s -> walletTokens(s, newWalletRefresh(s)));
    }

    @WithTransaction
    public Uni<Boolean> revoke(String sessionId) {
        return sessions.revoke(sessionId, REASON_LOGOUT, Clock.nowUtc()).map(n -> n > 0);
    }

    /** Ends every session of an app: its wallet tokens stop working at once. */
    @WithTransaction
    public Uni<Integer> revokeApp(long appId) {
        return sessions.update("revokedAt = ?1, revokeReason = ?2 where appId = ?3 and revokedAt is null",
                Clock.nowUtc(), REASON_APP_REVOKED, appId);
    }

    /** Ended sessions are kept a day for investigation, then dropped. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purgeEnded() {
        return sessions.purgeBefore(Clock.nowUtc().minusDays(1)).invoke(n -> Log.infof("purged %d ended sessions", n))
                .replaceWithVoid();
    }

    private <T> Uni<RotateOutcome<T>> rotateLocked(String sessionId, Duration ttl, Predicate<AuthSession> owned,
            Predicate<AuthSession> current, Function<AuthSession, T> rotate) {
        LocalDateTime now = Clock.nowUtc();
        return sessions.lock(sessionId).map(session -> {
            if (session == null || !owned.test(session) || !session.isActive(now)) {
                return RotateOutcome.revoked();
            }
            if (!current.test(session)) {
                session.revokedAt = now;
                session.revokeReason = REASON_REUSE;
                Log.warnf("refresh token reuse on a session of user %d: session revoked", session.userId);
                return RotateOutcome.reuseDetected();
            }
            session.expiresAt = now.plus(ttl);
            return new RotateOutcome<>(rotate.apply(session), false);
        });
    }

    private static AuthSession newSession(long userId, Long appId, Duration ttl) {
        LocalDateTime now = Clock.nowUtc();
        AuthSession session = new AuthSession();
        session.id = RandomIds.token();
        session.userId = userId;
        session.appId = appId;
        session.createdAt = now;
        session.expiresAt = now.plus(ttl);
        return session;
    }

    /** An opaque refresh token naming its session; only its SHA-256 is stored. */
    private static String newWalletRefresh(AuthSession session) {
        String token = session.id + "." + RandomIds.token() + RandomIds.token();
        session.refreshJti = Hashes.sha256Hex(token);
        return token;
    }

    private WalletTokens walletTokens(AuthSession session, String refresh) {
        var access = tokens.issueWallet(session.userPublicId, session.id, session.appId);
        return new WalletTokens(access.jwt(), refresh, access.maxAgeSeconds());
    }

    private LoginTokens issue(AuthSession session, String role) {
        return new LoginTokens(tokens.issue(TokenType.ACCESS, session.userId, session.id, RandomIds.token(), role),
                tokens.issue(TokenType.REFRESH, session.userId, session.id, session.refreshJti, role));
    }

    /** Either new tokens, or why there are none. */
    public record RotateOutcome<T>(T tokens, boolean reused) {

        static <T> RotateOutcome<T> revoked() {
            return new RotateOutcome<>(null, false);
        }

        static <T> RotateOutcome<T> reuseDetected() {
            return new RotateOutcome<>(null, true);
        }

        public T orFail() {
            if (tokens != null) {
                return tokens;
            }
            throw reused ? AuthErrors.reused() : AuthErrors.revoked();
        }
    }
}
