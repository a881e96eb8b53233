package com.ewallet.registration.service;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Mobile;
import com.ewallet.registration.RegisteredUser;
import com.ewallet.user.User;
import com.ewallet.user.UserConfig;
import com.ewallet.user.repository.UserRepository;
import com.ewallet.user.service.AdminBootstrap;
import com.ewallet.user.service.PasswordHasher;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.service.AccountService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registration: a user and their wallet account, created together. */
@ApplicationScoped
public class RegistrationService {

    public static final String REJECTED = "registration failed.";
    private static final Set<String> COMMON_PASSWORDS = Set.of("password", "password1", "12345678", "123456789",
            "1234567890", "qwertyui", "qwerty123", "11111111", "00000000", "iloveyou", "sunshine", "letmein1",
            "abc12345", "admin123", "welcome1", "passw0rd");

    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final UserConfig config;
    private final AdminBootstrap admins;
    private final RegistrationLimit limit;

    public RegistrationService(UserRepository users, AccountService accounts, PasswordHasher hasher, UserConfig config,
            AdminBootstrap admins, RegistrationLimit limit) {
        this.admins = admins;
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.config = config;
        this.limit = limit;
    }

    /**
     * Email, password and name as given (validated for shape); the mobile in any form {@link Mobile} reads. Counted
     * against the limit of {@code clientAddress} once the input is valid ({@link RegistrationLimit}).
     */
    public Uni<RegisteredUser> register(String rawEmail, String password, String name, String rawMobile,
            String clientAddress) {
        String email = rawEmail.strip().toLowerCase(Locale.ROOT);
        String mobile = Mobile.normalise(rawMobile, config.users().defaultCountryCode())
                .orElseThrow(() -> ApiException.badRequest(REJECTED, "VALIDATION_FAILED", "mobile",
                        "must be a mobile number with country code, 8 to 15 digits"));
        checkPassword(password, email);
        return limit.count(clientAddress).chain(() -> users.emailTaken(email)).flatMap(emailTaken -> {
            if (emailTaken) {
                return Uni.createFrom().failure(emailConflict());
            }
            return users.mobileTaken(mobile);
        }).flatMap(mobileTaken -> {
            if (mobileTaken) {
                return Uni.createFrom().failure(mobileConflict());
            }
            return hasher.hash(password);
        }).flatMap(hash -> create(email, hash, name.strip(), mobile, admins.roleFor(email)))
                .onFailure(ConstraintViolationException.class).transform(RegistrationService::conflict);
    }

    @WithTransaction
    public Uni<RegisteredUser> create(String email, String passwordHash, String name, String mobile, String role) {
        User user = new User();
        user.email = email;
        user.passwordHash = passwordHash;
        user.name = name;
        user.mobile = mobile;
        user.role = role;
        user.createdAt = Clock.nowUtc();
        return users.persist(user).flatMap(u -> accounts.open(u.id)).map(account -> registered(user, account))
                .invoke(r -> Log.infof("registered user %d with account %s", r.id(), r.accountNumber()));
    }

    private static RegisteredUser registered(User user, Account account) {
        return new RegisteredUser("registration success.", user.id, user.email, user.mobile, account.accountNumber,
                account.type, account.tier);
    }

    static void checkPassword(String password, String email) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw weak("must be at most 72 bytes");
        }
        if (COMMON_PASSWORDS.contains(lower) || lower.equals(email) || password.chars().distinct().count() < 4) {
            throw weak("is too easy to guess");
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
        if (constraint.contains("uk_users_mobile")) {
            return mobileConflict();
        }
        return e;
    }

    private static ApiException emailConflict() {
        return new ApiException(409, ErrorBody.of("email is already registered.", "EMAIL_TAKEN"));
    }

    private static ApiException mobileConflict() {
        return new ApiException(409, ErrorBody.of("mobile is already registered.", "MOBILE_TAKEN"));
    }
}
