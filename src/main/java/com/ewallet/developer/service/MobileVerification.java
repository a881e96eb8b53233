package com.ewallet.developer.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.user.User;
import com.ewallet.user.service.MobileOwnership;

import io.smallrye.mutiny.Uni;

/**
 * The step after registration: a logged-in user has an SMS passcode sent to their own number and gives it back, which
 * verifies the number for them (taking it from accounts that hold it unverified). The passcodes are those of the
 * developer API ({@link OtpService}), asked for by the account instead of an app.
 */
@ApplicationScoped
public class MobileVerification {

    private final DeveloperUsers users;
    private final OtpService otp;
    private final MobileOwnership mobiles;

    public MobileVerification(DeveloperUsers users, OtpService otp, MobileOwnership mobiles) {
        this.users = users;
        this.otp = otp;
        this.mobiles = mobiles;
    }

    /**
     * Sets a new number, unverified, for a user whose number is not verified or was taken by another account; the
     * passcode step verifies it afterwards.
     */
    public Uni<User> change(long userId, String rawMobile) {
        return Uni.createFrom().item(() -> users.normalise(rawMobile, "mobile"))
                .flatMap(mobile -> mobiles.replaceUnverified(userId, mobile));
    }

    /** Sends a passcode to the user's number; answers the number it went to. */
    public Uni<String> sendPasscode(long userId) {
        return unverified(userId).flatMap(user -> otp.sendForOwnMobile(user).replaceWith(user.mobile));
    }

    /**
     * Verifies the user's number with the passcode sent to it: 400 {@code PASSCODE_INVALID} for a wrong, expired or
     * used one (not the developer API's 401: on /api a 401 means the login itself failed).
     */
    public Uni<User> verify(long userId, String passcode) {
        return unverified(userId).flatMap(user -> otp.verifyOwnMobile(user, passcode)).onFailure(ApiException.class)
                .transform(e -> {
                    ApiException refused = (ApiException) e;
                    return "PASSCODE_INVALID".equals(refused.body().code()) ? new ApiException(400, refused.body())
                            : refused;
                });
    }

    /**
     * The user, who must hold a number not verified yet: 409 {@code NO_MOBILE} or {@code MOBILE_VERIFIED} otherwise.
     */
    private Uni<User> unverified(long userId) {
        return users.byId(userId).map(user -> {
            if (user.mobile == null) {
                throw new ApiException(409, ErrorBody.of(
                        "this account has no mobile number: another account verified the one it had; set a new one.",
                        "NO_MOBILE"));
            }
            if (user.mobileVerified()) {
                throw MobileOwnership.alreadyVerified();
            }
            return user;
        });
    }
}
