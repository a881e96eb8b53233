package com.ewallet.auth.service;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthConfig;
import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.AuthSession;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.WalletTokens;
import com.ewallet.auth.repository.AuthSessionRepository;
import com.ewallet.common.Clock;
import com.ewallet.common.Hashes;
import com.ewallet.common.RandomIds;
import com.ewallet.user.repository.UserRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sessions on the server, for cookie logins and for developer apps alike: opened at login, rotated at refresh (an
 * already-rotated refresh token revokes the session, unless it was rotated out within the refresh grace: then it gets
 * the pair that replaced it), revoked at logout or app revocation.
 */
@ApplicationScoped
public class SessionService {

    static final String REASON_LOGOUT = "LOGOUT";
    static final String REASON_REUSE = "REFRESH_REUSE";
    static final String REASON_APP_REVOKED = "APP_REVOKED";
    static final String REASON_ROLE_CHANGED = "ROLE_CHANGED";

    private final AuthSessionRepository sessions;
    private final UserRepository users;
    private final TokenService tokens;
    private final Duration walletRefreshTtl;
    private final boolean rotateWalletRefresh;
    private final Duration refreshGrace;

    public SessionService(AuthSessionRepository sessions, UserRepository users, TokenService tokens,
            AuthConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.walletRefreshTtl = config.developer().refreshTokenTtl();
        this.rotateWalletRefresh = config.developer().rotateRefreshTokens();
        this.refreshGrace = config.auth().refreshGrace();
    }

    @WithTransaction
    public Uni<LoginTokens> open(long userId, String role) {
        AuthSession session = newSession(userId, null, tokens.refreshTtl());
        session.refreshJti = RandomIds.token();
        return sessions.persist(session).map(s -> pair(s, role, s.createdAt));
    }

    /**
     * A new cookie pair for a refresh token. The next refresh jti is derived from the current one, so a refresh token
     * rotated out moments ago (two tabs refreshing at once) is recognised, and its successor pair re-issued
     * identically.
     */
    @WithTransaction
    public Uni<RotateOutcome<LoginTokens>> rotate(TokenClaims refresh) {
        // The role is the user's role in the database now, never the old token's. A role change ends the user's
        // sessions in its own transaction, so a pair issued just before one is refused at its next use.
        return users.findById(refresh.userId())
                .flatMap(user -> user == null ? Uni.createFrom().item(RotateOutcome.revoked())
                        : rotateLocked(refresh.sessionId(), tokens.refreshTtl(),
                                new Rotation<>(s -> s.userId == refresh.userId() && s.appId == null,
                                        s -> Hashes.same(s.refreshJti, refresh.jti()),
                                        s -> Hashes.same(s.refreshJti, tokens.nextRefreshJti(s.id, refresh.jti())),
                                        s -> s.refreshJti = tokens.nextRefreshJti(s.id, s.refreshJti),
                                        s -> pair(s, user.role, s.rotatedAt))));
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

    /**
     * Rotates an opaque wallet refresh token of {@code appId}; another app's token counts as unknown. Its successor is
     * derived from it, so within the refresh grace the same token gets the same successor and access token again.
     */
    @WithTransaction
    Uni<RotateOutcome<WalletTokens>> rotateWallet(String refreshToken, long appId) {
        String sessionId = TokenService.sessionPrefix(refreshToken);
        if (sessionId == null) {
            return Uni.createFrom().item(RotateOutcome.revoked());
        }
        String next = tokens.nextWalletRefresh(sessionId, refreshToken);
        String nextHash = Hashes.sha256Hex(next);
        return rotateLocked(sessionId, walletRefreshTtl,
                new Rotation<>(s -> Objects.equals(s.appId, appId),
                        s -> Hashes.same(s.refreshJti, Hashes.sha256Hex(refreshToken)),
                        s -> Hashes.same(s.refreshJti, nextHash), s -> s.refreshJti = nextHash, s -> {
                            var access = tokens.issueWalletFor(s.userPublicId, s.id, s.appId, s.refreshJti,
                                    s.rotatedAt.toInstant(ZoneOffset.UTC));
                            return new WalletTokens(access.jwt(), next, access.maxAgeSeconds());
                        }));
    }

    /**
     * Ends a session (logout). Its row lock waits for the session's money movements in flight, which hold the row
     * shared until they commit; the time is read once the lock is held, so {@code revoked_at} is never earlier than a
     * movement the session made.
     */
    @WithTransaction
    public Uni<Boolean> revoke(String sessionId) {
        return sessions.lock(sessionId).map(session -> {
            if (session == null || session.revokedAt != null) {
                return false;
            }
            session.revokedAt = Clock.nowUtc();
            session.revokeReason = REASON_LOGOUT;
            return true;
        });
    }

    /** Ends every session of an app: its wallet tokens stop working at once. */
    @WithTransaction
    public Uni<Integer> revokeApp(long appId) {
        return sessions.update("revokedAt = ?1, revokeReason = ?2 where appId = ?3 and revokedAt is null",
                Clock.nowUtc(), REASON_APP_REVOKED, appId);
    }

    /** Ends every session of a user (their role changed): tokens issued under the old role stop working at once. */
    @WithTransaction
    public Uni<Integer> revokeUser(long userId) {
        return sessions.update("revokedAt = ?1, revokeReason = ?2 where userId = ?3 and revokedAt is null",
                Clock.nowUtc(), REASON_ROLE_CHANGED, userId);
    }

    /** Ended sessions are kept a day for investigation, then dropped. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purgeEnded() {
        return sessions.purgeBefore(Clock.nowUtc().minusDays(1)).invoke(n -> Log.infof("purged %d ended sessions", n))
                .replaceWithVoid();
    }

    /**
     * One refresh under the session's row lock, so concurrent refreshes of a session (on any replica) run one after the
     * other: the current refresh token rotates; the one rotated out less than {@code wallet.auth.refresh-grace} ago
     * gets the tokens that replaced it, unchanged; any other one revokes the session.
     */
    private <T> Uni<RotateOutcome<T>> rotateLocked(String sessionId, Duration ttl, Rotation<T> rotation) {
        return sessions.lock(sessionId).map(session -> {
            // Read once the lock is held: a refresh that waited for a concurrent one counts from that one's commit.
            LocalDateTime now = Clock.nowUtc().truncatedTo(ChronoUnit.MICROS);
            if (session == null || !rotation.owned().test(session) || !session.isActive(now)) {
                return RotateOutcome.revoked();
            }
            if (rotation.current().test(session)) {
                rotation.advance().accept(session);
                session.rotatedAt = now;
                session.expiresAt = now.plus(ttl);
                return new RotateOutcome<>(rotation.issue().apply(session), false);
            }
            if (session.rotatedAt != null && now.isBefore(session.rotatedAt.plus(refreshGrace))
                    && rotation.rotatedOut().test(session)) {
                Log.infof("refresh token rotated out %d ms ago shown again on a session of user %d: same tokens",
                        Duration.between(session.rotatedAt, now).toMillis(), session.userId);
                return new RotateOutcome<>(rotation.issue().apply(session), false);
            }
            session.revokedAt = now;
            session.revokeReason = REASON_REUSE;
            Log.warnf("refresh token reuse on a session of user %d: session revoked", session.userId);
            return RotateOutcome.reuseDetected();
        });
    }

    /**
     * How one kind of refresh token rotates: whose session it may be, whether the token shown is the current one or the
     * one rotated out last, how the session moves on to the successor, and the tokens of the session as it is.
     */
    private record Rotation<T>(Predicate<AuthSession> owned, Predicate<AuthSession> current,
            Predicate<AuthSession> rotatedOut, Consumer<AuthSession> advance, Function<AuthSession, T> issue) {
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

    private LoginTokens pair(AuthSession session, String role, LocalDateTime issuedAt) {
        return tokens.issuePair(session.userId, session.id, session.refreshJti, role,
                issuedAt.toInstant(ZoneOffset.UTC));
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
