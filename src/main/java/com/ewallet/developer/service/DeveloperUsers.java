package com.ewallet.developer.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Mobile;
import com.ewallet.user.User;
import com.ewallet.user.UserConfig;
import com.ewallet.user.repository.UserRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Finds wallet users by mobile number, normalised exactly as registration normalises it. */
@ApplicationScoped
public class DeveloperUsers {

    private final UserRepository users;
    private final String countryCode;

    public DeveloperUsers(UserRepository users, UserConfig config) {
        this.users = users;
        this.countryCode = config.users().defaultCountryCode();
    }

    public String normalise(String rawMobile, String field) {
        return Mobile.normalise(rawMobile, countryCode)
                .orElseThrow(() -> ApiException.badRequest("mobile must be a mobile number with country code.",
                        "INVALID_MOBILE", field, "must be 8 to 15 digits with country code"));
    }

    /** The user behind a wallet token (who exists: sessions end with their user). */
    @WithSession
    public Uni<User> byId(long userId) {
        return users.findById(userId).map(user -> {
            if (user == null) {
                throw new ApiException(404, ErrorBody.of("no wallet user has this id.", "USER_NOT_FOUND"));
            }
            return user;
        });
    }

    /**
     * The user who holds this mobile verified; 404 {@code USER_NOT_FOUND} when there is none, whoever may hold it
     * unverified.
     */
    @WithSession
    public Uni<User> byMobile(String mobile) {
        return users.findByVerifiedMobile(mobile).map(user -> {
            if (user == null) {
                throw notFound();
            }
            return user;
        });
    }

    /**
     * Whom a passcode login for this mobile is for: its verified holder, else its only holder (whom the passcode will
     * verify); 404 {@code USER_NOT_FOUND} when nobody holds it, or several accounts hold it unverified (each verifies
     * from the wallet, where the account is known).
     */
    @WithSession
    public Uni<User> forPasscodeLogin(String mobile) {
        return users.holdersOf(mobile)
                .map(holders -> holders.stream().filter(User::mobileVerified).findFirst()
                        .or(() -> holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty())
                        .orElseThrow(DeveloperUsers::notFound));
    }

    private static ApiException notFound() {
        return new ApiException(404, ErrorBody.of("no wallet user has this mobile number.", "USER_NOT_FOUND"));
    }
}
