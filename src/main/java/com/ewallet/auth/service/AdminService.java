package com.ewallet.auth.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.RoleView;
import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.Hashes;
import com.ewallet.user.User;
import com.ewallet.user.UserConfig;
import com.ewallet.user.repository.UserRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Admin rights are granted, never claimed: the first admin by the one-time bootstrap secret an operator puts in a file,
 * every later change by an admin. A role change ends every session of the user in the same transaction, and roles are
 * read from the database on every request (see {@link com.ewallet.auth.repository.SessionStore}).
 */
@ApplicationScoped
public class AdminService {

    /** Shorter secrets are refused: the secret is the only thing between a logged-in stranger and admin rights. */
    static final int MIN_SECRET_LENGTH = 32;

    private final UserRepository users;
    private final SessionService sessions;
    private final Vertx vertx;
    private final Optional<String> secretLocation;

    public AdminService(UserRepository users, SessionService sessions, Vertx vertx, UserConfig config) {
        this.users = users;
        this.sessions = sessions;
        this.vertx = vertx;
        this.secretLocation = config.admin().bootstrapSecretLocation();
    }

    /**
     * Makes {@code userId} the first admin when {@code secret} is the one in the bootstrap file, it was never used and
     * no user is an admin. The file is read at each use (without blocking), so removing it ends the bootstrap at once;
     * the secret is compared through its hash in constant time and never logged.
     */
    public Uni<RoleView> bootstrap(long userId, String secret) {
        if (secretLocation.isEmpty()) {
            return Uni.createFrom().failure(bootstrapDisabled());
        }
        String location = secretLocation.get();
        return vertx.fileSystem().readFile(location).onFailure().transform(e -> {
            Log.warnf("admin bootstrap: the secret file %s cannot be read", location);
            return bootstrapDisabled();
        }).flatMap(content -> {
            String expected = content.toString(StandardCharsets.UTF_8).strip();
            if (expected.length() < MIN_SECRET_LENGTH) {
                Log.warnf("admin bootstrap: the secret in %s is shorter than %d characters, refused", location,
                        MIN_SECRET_LENGTH);
                return Uni.createFrom().failure(bootstrapDisabled());
            }
            if (!Hashes.same(Hashes.sha256Hex(secret), Hashes.sha256Hex(expected))) {
                Log.warnf("admin bootstrap: wrong secret from user %d", userId);
                return Uni.createFrom().failure(ApiException.of(403, "wrong bootstrap secret.", "BOOTSTRAP_REFUSED"));
            }
            return grantFirstAdmin(userId);
        });
    }

    @WithTransaction
    Uni<RoleView> grantFirstAdmin(long userId) {
        return users.claimFirstAdmin(userId, Clock.nowUtc()).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().failure(
                        ApiException.of(409, "there is an admin already: the bootstrap is spent.", "BOOTSTRAP_SPENT"));
            }
            return users.lock(userId).flatMap(user -> {
                user.role = User.ROLE_ADMIN;
                return sessions.revokeUser(userId).map(ended -> {
                    Log.infof("admin bootstrap: user %d is the first admin, %d sessions ended", userId, ended);
                    return new RoleView(user.publicId, User.ROLE_ADMIN);
                });
            });
        });
    }

    /**
     * Sets the role of the user shown as {@code userPublicId}, by the admin {@code adminId}. A change ends every
     * session of the user; the last admin cannot be demoted (the bootstrap is spent: nobody could make another). The
     * admins' rows are locked first, in key order, so that two admins demoting each other queue and the second sees the
     * first's change.
     */
    @WithTransaction
    public Uni<RoleView> changeRole(long adminId, String userPublicId, String role) {
        return users.lockAdmins().flatMap(admins -> {
            if (admins.stream().noneMatch(a -> a.id == adminId)) {
                return Uni.createFrom().failure(forbidden());
            }
            return users.lockByPublicId(userPublicId).flatMap(user -> {
                if (user == null) {
                    return Uni.createFrom().failure(ApiException.of(404, "user not found.", "USER_NOT_FOUND"));
                }
                if (user.role.equals(role)) {
                    return Uni.createFrom().item(new RoleView(user.publicId, user.role));
                }
                if (User.ROLE_ADMIN.equals(user.role) && admins.size() == 1) {
                    return Uni.createFrom()
                            .failure(ApiException.of(409, "the last admin cannot be demoted.", "LAST_ADMIN"));
                }
                user.role = role;
                return sessions.revokeUser(user.id).map(ended -> {
                    Log.infof("role of user %d set to %s by user %d, %d sessions ended", user.id, role, adminId, ended);
                    return new RoleView(user.publicId, role);
                });
            });
        });
    }

    public static ApiException forbidden() {
        return ApiException.of(403, "admin role required.", "FORBIDDEN");
    }

    private static ApiException bootstrapDisabled() {
        return ApiException.of(403, "admin bootstrap is not enabled.", "BOOTSTRAP_DISABLED");
    }
}
