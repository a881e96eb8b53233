package com.ewallet.auth.service;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.AuthSession;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.TokenType;
import com.ewallet.auth.repository.AuthSessionRepository;
import com.ewallet.common.Clock;
import com.ewallet.common.RandomIds;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Login sessions on the server: opened at login, rotated at refresh, revoked at logout or on reuse. */
@ApplicationScoped
public class SessionService {

    static final String REASON_LOGOUT = "LOGOUT";
    static final String REASON_REUSE = "REFRESH_REUSE";

    private final AuthSessionRepository sessions;
    private final TokenService tokens;

    public SessionService(AuthSessionRepository sessions, TokenService tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @WithTransaction
    public Uni<LoginTokens> open(long userId) {
        LocalDateTime now = Clock.nowUtc();
        AuthSession session = new AuthSession();
        session.id = RandomIds.token();
        session.userId = userId;
        session.refreshJti = RandomIds.token();
        session.createdAt = now;
        session.expiresAt = now.plus(tokens.refreshTtl());
        return sessions.persist(session).map(s -> issue(s));
    }

    /**
     * Rotates the refresh token. A refresh token that is not the session's current one has been used before: the
     * session is revoked (and that revocation committed) before the 401 goes out.
     */
    @WithTransaction
    public Uni<RotateOutcome> rotate(TokenClaims refresh) {
        LocalDateTime now = Clock.nowUtc();
        return sessions.lock(refresh.sessionId()).flatMap(session -> {
            if (session == null || session.userId != refresh.userId() || !session.isActive(now)) {
                return Uni.createFrom().item(RotateOutcome.REVOKED);
            }
            if (!session.refreshJti.equals(refresh.jti())) {
                session.revokedAt = now;
                session.revokeReason = REASON_REUSE;
                Log.warnf("refresh token reuse on session of user %d: session revoked", session.userId);
                return Uni.createFrom().item(RotateOutcome.REUSED);
            }
            session.refreshJti = RandomIds.token();
            session.expiresAt = now.plus(tokens.refreshTtl());
            return Uni.createFrom().item(new RotateOutcome(issue(session)));
        });
    }

    @WithTransaction
    public Uni<Boolean> revoke(String sessionId) {
        return sessions.revoke(sessionId, REASON_LOGOUT, Clock.nowUtc()).map(n -> n > 0);
    }

    /** The one primary-key read every authenticated request costs. */
    public Uni<Boolean> isActive(String sessionId, long userId) {
        LocalDateTime now = Clock.nowUtc();
        return sessions.findById(sessionId).map(s -> s != null && s.userId == userId && s.isActive(now));
    }

    /** Ended sessions are kept a day for investigation, then dropped. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> purgeEnded() {
        return sessions.purgeBefore(Clock.nowUtc().minusDays(1))
                .invoke(n -> Log.infof("purged %d ended login sessions", n)).replaceWithVoid();
    }

    private LoginTokens issue(AuthSession session) {
        return new LoginTokens(tokens.issue(TokenType.ACCESS, session.userId, session.id, RandomIds.token()),
                tokens.issue(TokenType.REFRESH, session.userId, session.id, session.refreshJti));
    }

    /** Either new tokens, or why there are none. */
    public record RotateOutcome(LoginTokens tokens, boolean reused) {
        static final RotateOutcome REVOKED = new RotateOutcome(null, false);
        static final RotateOutcome REUSED = new RotateOutcome(null, true);

        RotateOutcome(LoginTokens tokens) {
            this(tokens, false);
        }

        public LoginTokens orFail() {
            if (tokens != null) {
                return tokens;
            }
            throw reused ? AuthErrors.reused() : AuthErrors.revoked();
        }
    }
}
