package com.ewallet.registration.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Mobile;
import com.ewallet.common.RandomIds;
import com.ewallet.registration.RegisteredUser;
import com.ewallet.user.Email;
import com.ewallet.user.User;
import com.ewallet.user.UserConfig;
import com.ewallet.user.repository.UserRepository;
import com.ewallet.user.service.MobileOwnership;
import com.ewallet.user.service.PasswordHasher;
import com.ewallet.user.service.PasswordStrength;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.service.AccountService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registration: a user and their wallet account, created together. */
@ApplicationScoped
public class RegistrationService {

    public static final String REJECTED = "registration failed.";

    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final UserConfig config;
    private final PasswordStrength strength;
    private final RegistrationLimit limit;

    public RegistrationService(UserRepository users, AccountService accounts, PasswordHasher hasher, UserConfig config,
            PasswordStrength strength, RegistrationLimit limit) {
        this.strength = strength;
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.config = config;
        this.limit = limit;
    }

    /**
     * Email, password and name as given (validated for length); the email in any form {@link Email} reads, the mobile
     * in any form {@link Mobile} reads. Every new user has the role {@code user}: admins are granted, never registered.
     * Counted against the limit of {@code clientAddress} once the input is valid ({@link RegistrationLimit}).
     */
    public Uni<RegisteredUser> register(String rawEmail, String password, String name, String rawMobile,
            String clientAddress) {
        String email = Email.canonical(rawEmail)
                .orElseThrow(() -> ApiException.badRequest(REJECTED, "VALIDATION_FAILED", "email", Email.RULE));
        String mobile = Mobile.normalise(rawMobile, config.users().defaultCountryCode())
                .orElseThrow(() -> ApiException.badRequest(REJECTED, "VALIDATION_FAILED", "mobile",
                        "must be a mobile number with country code, 8 to 15 digits"));
        checkLength(password);
        return strength.score(password, List.of(email, email.substring(0, Math.max(0, email.indexOf('@'))), name))
                .flatMap(score -> {
                    if (score < PasswordStrength.MIN_SCORE) {
                        throw weak("is too easy to guess (strength " + score + " of 4, at least "
                                + PasswordStrength.MIN_SCORE + " needed): avoid common words, names, the email,"
                                + " keyboard runs, sequences and repeats");
                    }
                    return limit.count(clientAddress);
                }).chain(() -> users.emailTaken(email)).flatMap(emailTaken -> {
                    if (emailTaken) {
                        return Uni.createFrom().failure(emailConflict());
                    }
                    return users.mobileVerifiedByAnyone(mobile);
                }).flatMap(mobileTaken -> {
                    // Only a verified holder keeps the number; one held unverified elsewhere is claimed by verifying
                    // it.
                    if (mobileTaken) {
                        return Uni.createFrom().failure(MobileOwnership.taken());
                    }
                    return hasher.hash(password);
                }).flatMap(hash -> create(email, hash, name.strip(), mobile, User.ROLE_USER))
                .onFailure(ConstraintViolationException.class).transform(RegistrationService::conflict);
    }

    /** A user with an already canonical email ({@link Email#canonical}) and their account. */
    @WithTransaction
    public Uni<RegisteredUser> create(String email, String passwordHash, String name, String mobile, String role) {
        User user = new User();
        user.publicId = RandomIds.publicId();
        user.email = email;
        user.passwordHash = passwordHash;
        user.name = name;
        user.mobile = mobile;
        user.role = role;
        user.createdAt = Clock.nowUtc();
        return users.persist(user).flatMap(u -> accounts.open(u.id)).map(account -> registered(user, account))
                .invoke(r -> Log.infof("registered user %d with account %s", user.id, r.accountNumber()));
    }

    private static RegisteredUser registered(User user, Account account) {
        return new RegisteredUser("registration success.", user.publicId, user.email, user.mobile,
                user.mobileVerified(), account.accountNumber, account.type, account.tier);
    }

    /** bcrypt reads at most 72 bytes: a longer password would be cut without the user knowing. */
    static void checkLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw weak("must be at most 72 bytes");
        }
    }

    private static ApiException weak(String reason) {
        return ApiException.badRequest(REJECTED, "WEAK_PASSWORD", "password", reason);
    }

    private static Throwable conflict(Throwable e) {
        String constraint = String.valueOf(((ConstraintViolationException) e).getConstraintName()) + e.getMessage();
        if (constraint.contains("uk_users_email")) {
            return emailConflict();
        }
        return e;
    }

    private static ApiException emailConflict() {
        return new ApiException(409, ErrorBody.of("email is already registered.", "EMAIL_TAKEN"));
    }
}
