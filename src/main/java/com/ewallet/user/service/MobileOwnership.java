package com.ewallet.user.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.user.User;
import com.ewallet.user.repository.UserRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Who a mobile number belongs to. Any number of accounts may hold a number unverified; the one that completes an SMS
 * passcode for it becomes its only, verified holder, and every other holder loses it (their mobile becomes NULL; they
 * keep their account and money). A verified holder is never taken from: the unique key {@code uk_users_verified_mobile}
 * says so in the schema too.
 */
@ApplicationScoped
public class MobileOwnership {

    private final UserRepository users;

    public MobileOwnership(UserRepository users) {
        this.users = users;
    }

    /**
     * Marks {@code mobile} verified for the user, who must still hold it, after they completed a passcode sent to it.
     * Every holder's row is locked first (in primary-key order), so two claims of one number run one after the other.
     * 409 {@code MOBILE_TAKEN} when another account holds it verified or the user no longer holds it.
     */
    @WithTransaction
    public Uni<User> claim(long userId, String mobile) {
        return users.lockHoldersOf(mobile).map(holders -> {
            User claimant = holders.stream().filter(u -> u.id == userId).findFirst()
                    .orElseThrow(MobileOwnership::taken);
            List<User> others = holders.stream().filter(u -> u.id != userId).toList();
            if (others.stream().anyMatch(u -> u.mobileVerifiedAt != null)) {
                throw taken();
            }
            for (User other : others) {
                other.mobile = null;
                Log.infof("user %d lost an unverified mobile to user %d, who verified it", other.id, userId);
            }
            if (claimant.mobileVerifiedAt == null) {
                claimant.mobileVerifiedAt = Clock.nowUtc();
                Log.infof("mobile of user %d verified", userId);
            }
            return claimant;
        });
    }

    /**
     * Gives the user a new number, unverified, in place of one that is not verified (or that another account took): the
     * way back for an account that lost its number or registered a wrong one. 409 {@code MOBILE_VERIFIED} when the
     * user's number is verified, {@code MOBILE_TAKEN} when another account holds the new one verified.
     */
    @WithTransaction
    public Uni<User> replaceUnverified(long userId, String mobile) {
        return users.findById(userId).flatMap(user -> {
            if (user.mobileVerified()) {
                return Uni.createFrom().failure(alreadyVerified());
            }
            return users.mobileVerifiedByAnyone(mobile).map(taken -> {
                if (taken) {
                    throw taken();
                }
                user.mobile = mobile;
                Log.infof("user %d changed an unverified mobile", userId);
                return user;
            });
        });
    }

    public static ApiException alreadyVerified() {
        return new ApiException(409, ErrorBody.of("this mobile is already verified.", "MOBILE_VERIFIED"));
    }

    /** The number is another account's, verified. */
    public static ApiException taken() {
        return new ApiException(409, ErrorBody.of("mobile is already registered.", "MOBILE_TAKEN"));
    }
}
