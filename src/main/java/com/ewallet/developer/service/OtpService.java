package com.ewallet.developer.service;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.WalletTokens;
import com.ewallet.auth.service.SessionService;
import com.ewallet.auth.service.SigningKeys;
import com.ewallet.common.ApiException;
import com.ewallet.common.BusinessMetrics;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Hashes;
import com.ewallet.common.RateLimiter;
import com.ewallet.developer.App;
import com.ewallet.developer.DeveloperConfig;
import com.ewallet.developer.OtpChallenge;
import com.ewallet.developer.repository.OtpChallengeRepository;
import com.ewallet.user.User;
import com.ewallet.user.service.MobileOwnership;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * SMS passcodes: six random digits, stored only as an HMAC, valid {@code wallet.otp.ttl}, single use, dead after
 * {@code wallet.otp.max-attempts} wrong tries. Sending is limited per mobile and per app. A passcode is either an app's
 * (a passcode login) or an account's own (the wallet's verification step); completing either verifies the number.
 */
@ApplicationScoped
public class OtpService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OtpChallengeRepository challenges;
    private final SmsSender sms;
    private final RateLimiter limiter;
    private final PasscodeGuard guard;
    private final SessionService sessions;
    private final DeveloperConfig.Otp config;
    private final BusinessMetrics metrics;
    private final MobileOwnership mobiles;
    // Derived from the token signing key, so every replica has it and no extra secret must be managed.
    private final byte[] hmacKey;

    public OtpService(OtpChallengeRepository challenges, SmsSender sms, RateLimiter limiter, PasscodeGuard guard,
            SessionService sessions, DeveloperConfig config, SigningKeys keys, BusinessMetrics metrics,
            MobileOwnership mobiles) {
        this.metrics = metrics;
        this.mobiles = mobiles;
        this.challenges = challenges;
        this.sms = sms;
        this.limiter = limiter;
        this.guard = guard;
        this.sessions = sessions;
        this.config = config.otp();
        this.hmacKey = Hashes
                .sha256Hex("otp-hmac:" + Base64.getEncoder().encodeToString(keys.privateKey().getEncoded()))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Sends a new passcode (older open ones of this mobile and app die). 429 past the send limits. */
    public Uni<Void> send(App app, User user) {
        return limiter.hit(RateLimiter.bucket("otp-send-mobile", user.mobile), config.sendWindow())
                .flatMap(perMobile -> {
                    if (perMobile.hits() > config.sendsPerMobile()) {
                        throw ApiException.tooMany("too many passcodes sent to this mobile, try again later.",
                                "OTP_SEND_LIMIT", perMobile.secondsLeft());
                    }
                    return limiter.hit("otp-send-app:" + app.id, config.sendWindow());
                }).flatMap(perApp -> {
                    if (perApp.hits() > config.sendsPerApp()) {
                        throw ApiException.tooMany("this app sent too many passcodes, try again later.",
                                "OTP_APP_SEND_LIMIT", perApp.secondsLeft());
                    }
                    return deliver(user.mobile, Scope.app(app.id));
                });
    }

    /**
     * Sends a passcode for the account's own number, asked for from the wallet (the step after registration). Limited
     * per account, whatever number it holds: another account holding the same number unverified cannot use up the
     * owner's passcodes, and changing numbers does not multiply what an account can send. A new one replaces the
     * account's older ones.
     */
    public Uni<Void> sendForOwnMobile(User user) {
        return limiter.hit("otp-send-account:" + user.id, config.sendWindow()).flatMap(perAccount -> {
            if (perAccount.hits() > config.sendsPerMobile()) {
                throw ApiException.tooMany("too many passcodes sent for this account, try again later.",
                        "OTP_SEND_LIMIT", perAccount.secondsLeft());
            }
            return deliver(user.mobile, Scope.user(user.id));
        });
    }

    private Uni<Void> deliver(String mobile, Scope scope) {
        String passcode = String.format("%06d", RANDOM.nextInt(1_000_000));
        return store(mobile, scope, Hashes.hmacSha256Hex(hmacKey, passcode))
                .flatMap(challengeId -> sms.sendPasscode(mobile, passcode).onFailure().call(e -> discard(challengeId)));
    }

    /**
     * Checks a passcode and, when right, opens a wallet session for the app; the passcode proves the user holds the
     * number, which is then verified for them. Wrong, expired, used and unknown passcodes get the same answer; too many
     * wrong ones for a mobile through this app, or through this app at all, answer 429 for a while
     * ({@link PasscodeGuard}).
     */
    public Uni<WalletTokens> verify(App app, User user, String passcode) {
        return guard.reserve(user.mobile, app.id)
                .flatMap(attempt -> checked(attempt, user.mobile, Scope.app(app.id), passcode)).flatMap(v -> {
                    Log.infof("passcode verified for user %d and app %d", user.id, app.id);
                    Uni<Void> verified = user.mobileVerified() ? Uni.createFrom().voidItem()
                            : mobiles.claim(user.id, user.mobile).replaceWithVoid();
                    return verified.flatMap(u -> sessions.openWallet(user.id, user.publicId, app.id));
                });
    }

    /**
     * Checks a passcode sent by {@link #sendForOwnMobile} and, when right, verifies the number for the account (taking
     * it from accounts that hold it unverified). Wrong tries are counted per account, each reserved before it is
     * checked.
     */
    public Uni<User> verifyOwnMobile(User user, String passcode) {
        return guard.reserveForAccount(user.id)
                .flatMap(attempt -> checked(attempt, user.mobile, Scope.user(user.id), passcode))
                .flatMap(v -> mobiles.claim(user.id, user.mobile));
    }

    /** One reserved try: 401 for a wrong passcode (the reservation stays counted), else the reservation given back. */
    private Uni<Void> checked(PasscodeGuard.Attempt attempt, String mobile, Scope scope, String passcode) {
        return check(mobile, scope, passcode).flatMap(ok -> {
            if (!ok) {
                metrics.passcodeFailure();
                return Uni.createFrom().failure(invalid());
            }
            return attempt.succeeded();
        });
    }

    @WithTransaction
    Uni<Long> store(String mobile, Scope scope, String codeHash) {
        LocalDateTime now = Clock.nowUtc();
        Uni<Integer> older = scope.appId() != null ? challenges.consumeOpen(mobile, scope.appId(), now)
                : challenges.consumeOpenOfUser(mobile, scope.userId(), now);
        return older.flatMap(n -> {
            OtpChallenge challenge = new OtpChallenge();
            challenge.mobile = mobile;
            challenge.appId = scope.appId();
            challenge.userId = scope.userId();
            challenge.codeHash = codeHash;
            challenge.attempts = 0;
            challenge.createdAt = now;
            challenge.expiresAt = now.plus(config.ttl());
            return challenges.persist(challenge);
        }).map(c -> c.id);
    }

    /** A passcode the gateway could not deliver must not stay usable. */
    @WithTransaction
    Uni<Void> discard(long challengeId) {
        return challenges.deleteById(challengeId).replaceWithVoid();
    }

    /** One try, counted under the challenge's row lock; commits the count whatever the outcome. */
    @WithTransaction
    Uni<Boolean> check(String mobile, Scope scope, String passcode) {
        LocalDateTime now = Clock.nowUtc();
        Uni<OtpChallenge> latest = scope.appId() != null ? challenges.lockLatestOpen(mobile, scope.appId())
                : challenges.lockLatestOpenOfUser(mobile, scope.userId());
        return latest.map(challenge -> {
            if (challenge == null || !challenge.expiresAt.isAfter(now)) {
                return false;
            }
            if (Hashes.same(challenge.codeHash, Hashes.hmacSha256Hex(hmacKey, passcode))) {
                challenge.consumedAt = now;
                return true;
            }
            challenge.attempts++;
            if (challenge.attempts >= config.maxAttempts()) {
                challenge.consumedAt = now;
            }
            return false;
        });
    }

    /** Who a passcode is for: an app's passcode login, or one account's own verification step. */
    record Scope(Long appId, Long userId) {
        static Scope app(long appId) {
            return new Scope(appId, null);
        }

        static Scope user(long userId) {
            return new Scope(null, userId);
        }
    }

    public static ApiException invalid() {
        return new ApiException(401,
                ErrorBody.of("invalid or expired passcode; request a new one if needed.", "PASSCODE_INVALID"));
    }
}
