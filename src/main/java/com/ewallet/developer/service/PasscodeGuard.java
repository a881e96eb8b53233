package com.ewallet.developer.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.RateLimiter;
import com.ewallet.developer.DeveloperConfig;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Limits on passcode guesses, counted in the database and reserved atomically before the passcode is checked: per
 * (mobile, app), so that one app's wrong guesses never block the holder's passcode through another app, and per app
 * across all mobiles, a ceiling on what one app (or whoever holds its key) can guess. A right passcode gives its
 * reservations back.
 */
@ApplicationScoped
public class PasscodeGuard {

    private final RateLimiter limiter;
    private final DeveloperConfig.Otp config;

    public PasscodeGuard(RateLimiter limiter, DeveloperConfig config) {
        this.limiter = limiter;
        this.config = config.otp();
    }

    /** A reserved guess: it counts as wrong until {@link #succeeded()} gives it back. */
    public final class Attempt {
        private final String perMobile;
        private final String perApp;

        private Attempt(String perMobile, String perApp) {
            this.perMobile = perMobile;
            this.perApp = perApp;
        }

        /** The passcode was right. */
        public Uni<Void> succeeded() {
            Uni<Void> mobile = limiter.release(perMobile, config.verifyWindow());
            return perApp == null ? mobile : mobile.chain(() -> limiter.release(perApp, config.verifyWindow()));
        }
    }

    /**
     * Reserves one guess of the passcode the wallet sent for an account's own number (the verification step after
     * registration), counted per account whatever number it holds, or fails with 429.
     */
    public Uni<Attempt> reserveForAccount(long userId) {
        String perAccount = "otp-verify-account:" + userId;
        return limiter.hit(perAccount, config.verifyWindow()).map(window -> {
            if (window.hits() > config.maxVerifyFailures()) {
                throw ApiException.tooMany("too many wrong passcodes, try again later.", "OTP_LOCKED",
                        window.secondsLeft());
            }
            return new Attempt(perAccount, null);
        });
    }

    /** Reserves one guess of the passcode of {@code mobile} through app {@code appId}, or fails with 429. */
    public Uni<Attempt> reserve(String mobile, long appId) {
        String perMobile = RateLimiter.bucket("otp-verify", appId + ":" + mobile);
        String perApp = "otp-verify-app:" + appId;
        return limiter.hit(perMobile, config.verifyWindow()).flatMap(mobileWindow -> {
            if (mobileWindow.hits() > config.maxVerifyFailures()) {
                return Uni.createFrom().failure(ApiException.tooMany("too many wrong passcodes, try again later.",
                        "OTP_LOCKED", mobileWindow.secondsLeft()));
            }
            return limiter.hit(perApp, config.verifyWindow()).flatMap(appWindow -> {
                if (appWindow.hits() > config.maxVerifyFailuresPerApp()) {
                    Log.warnf("passcode checks of app %d refused: too many wrong passcodes", appId);
                    return limiter.release(perMobile, config.verifyWindow())
                            .chain(() -> Uni.createFrom()
                                    .failure(ApiException.tooMany(
                                            "this app sent too many wrong passcodes, try again later.",
                                            "OTP_APP_LOCKED", appWindow.secondsLeft())));
                }
                return Uni.createFrom().item(new Attempt(perMobile, perApp));
            });
        });
    }
}
