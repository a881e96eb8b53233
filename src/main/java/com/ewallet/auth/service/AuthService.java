package com.ewallet.auth.service;

import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.AuthErrors;
import com.ewallet.auth.Caller;
import com.ewallet.auth.LoginTokens;
import com.ewallet.auth.TokenClaims;
import com.ewallet.auth.TokenType;
import com.ewallet.auth.repository.SessionStore;
import com.ewallet.common.ApiException;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.user.Email;
import com.ewallet.user.repository.UserRepository;
import com.ewallet.user.service.PasswordHasher;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Cookie login: checks credentials and tokens, and drives the login session through its life. */
@ApplicationScoped
public class AuthService {

    public static final String LOGIN_FAILED = "login failed.";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final TokenService tokens;
    private final LoginGuard guard;
    private final SessionStore liveSessions;
    private final BusinessMetrics metrics;

    public AuthService(UserRepository users, PasswordHasher hasher, SessionService sessions, SessionStore liveSessions,
            TokenService tokens, LoginGuard guard, BusinessMetrics metrics) {
        this.liveSessions = liveSessions;
        this.metrics = metrics;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.tokens = tokens;
        this.guard = guard;
    }

    /**
     * Unknown email and wrong password give the same answer after the same bcrypt work. The attempt is reserved with
     * {@link LoginGuard} before the password is checked (limits per client address, per account and overall, each
     * answering 429 with Retry-After), and given back when the password is right.
     */
    public Uni<LoginTokens> login(String rawEmail, String password, String clientAddress) {
        String email = Email.normalise(rawEmail);
        return guard.reserve(email, clientAddress).flatMap(attempt -> users.findByEmail(email)
                .flatMap(user -> hasher.matches(password, user == null ? null : user.passwordHash).flatMap(ok -> {
                    if (!ok) {
                        Log.infof("login failed%s", user == null ? "" : " for user " + user.id);
                        metrics.loginFailure();
                        return Uni.createFrom().failure(loginFailed());
                    }
                    Log.infof("login of user %d", user.id);
                    return attempt.succeeded().flatMap(v -> sessions.open(user.id, user.role));
                })));
    }

    public Uni<LoginTokens> refresh(String refreshJwt, String csrfHeader) {
        return Uni.createFrom()
                .item(() -> checked(refreshJwt, "refresh_token_cookie", TokenType.REFRESH, csrfHeader, true))
                .flatMap(sessions::rotate).map(SessionService.RotateOutcome::orFail);
    }

    /**
     * Ends the session named by whatever the client sent: a browser sends only the csrf_* cookies to /token/remove,
     * other clients may send the tokens themselves. Logout always succeeds.
     */
    public Uni<Void> logout(String csrfAccess, String csrfRefresh, String accessJwt, String refreshJwt) {
        String sessionId = Stream
                .of(tokens.sessionOfCsrf(csrfRefresh), tokens.sessionOfCsrf(csrfAccess),
                        sessionOfToken(accessJwt, TokenType.ACCESS), sessionOfToken(refreshJwt, TokenType.REFRESH))
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return sessions.revoke(sessionId).invoke(revoked -> {
            if (revoked) {
                Log.info("session ended by logout");
            }
        }).replaceWithVoid();
    }

    /** Verifies an access token (and the CSRF header on state-changing requests) and its live session. */
    public Uni<Caller> authenticate(String accessJwt, String csrfHeader, boolean stateChanging) {
        TokenClaims claims;
        try {
            claims = checked(accessJwt, "access_token_cookie", TokenType.ACCESS, csrfHeader, stateChanging);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return live(claims);
    }

    /**
     * Verifies an access token and the CSRF header of a money request, without the session: the money transaction
     * checks that, as its first statement (see {@link com.ewallet.auth.rest.AccessTokenForMove}).
     */
    public Uni<Caller> authenticateForMove(String accessJwt, String csrfHeader) {
        try {
            TokenClaims claims = checked(accessJwt, "access_token_cookie", TokenType.ACCESS, csrfHeader, true);
            return Uni.createFrom().item(new Caller(claims.userId(), claims.sessionId(), null, claims.appId(), false));
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /** Verifies a developer wallet token: ours, of this very app, and its session still live. */
    public Uni<Caller> authenticateWallet(String walletJwt, long appId) {
        TokenClaims claims;
        try {
            if (walletJwt == null || walletJwt.isEmpty()) {
                throw ApiException.of(401, "Missing X-App-Wallet-Access-Token header", "TOKEN_MISSING");
            }
            claims = tokens.verify(walletJwt, TokenType.WALLET);
            if (claims.appId() != appId) {
                throw ApiException.of(401, "wallet access token belongs to another app", "TOKEN_WRONG_APP");
            }
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return liveSessions.walletUser(claims.sessionId(), claims.subject(), appId, Clock.nowUtc()).map(userId -> {
            if (userId == null) {
                throw AuthErrors.revoked();
            }
            // No role: an app's wallet token never carries admin rights (see Caller.isAdmin).
            return new Caller(userId, claims.sessionId(), null, claims.appId(), true);
        });
    }

    private Uni<Caller> live(TokenClaims claims) {
        return liveSessions
                .liveRole(claims.sessionId(), claims.userId(), claims.appId(),
                        Clock.nowUtc())
                .flatMap(role -> role != null
                        ? Uni.createFrom()
                                .item(new Caller(claims.userId(), claims.sessionId(), role, claims.appId(), true))
                        : Uni.createFrom().failure(AuthErrors.revoked()));
    }

    private TokenClaims checked(String jwt, String cookie, TokenType type, String csrfHeader, boolean checkCsrf) {
        if (jwt == null || jwt.isEmpty()) {
            throw AuthErrors.missingCookie(cookie);
        }
        TokenClaims claims = tokens.verify(jwt, type);
        if (checkCsrf) {
            TokenService.checkCsrf(claims, csrfHeader);
        }
        return claims;
    }

    private String sessionOfToken(String jwt, TokenType type) {
        if (jwt == null || jwt.isEmpty()) {
            return null;
        }
        try {
            return tokens.verify(jwt, type).sessionId();
        } catch (ApiException e) {
            return null;
        }
    }

    public static ApiException loginFailed() {
        return new ApiException(400, ErrorBody.of(LOGIN_FAILED, "LOGIN_FAILED"));
    }
}
