package com.ewallet.user.repository;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.user.User;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Users. Emails are looked up in their canonical form ({@link com.ewallet.user.Email}), compared byte for byte. */
@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepository<User> {

    // The first admin: at most one row ever (its key is the constant 1), and only while no user is an admin. INSERT
    // IGNORE turns the second use into "0 rows" instead of an error; HQL has no INSERT ... SELECT with NOT EXISTS.
    private static final String FIRST_ADMIN = "INSERT IGNORE INTO admin_bootstrap (id, user_id, used_at)"
            + " SELECT 1, ?1, ?2 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')";

    public Uni<User> findByEmail(String email) {
        return find("email", email).firstResult();
    }

    /** The one user who holds this number verified, or null: unverified holders are nobody's number yet. */
    public Uni<User> findByVerifiedMobile(String mobile) {
        return find("mobile = ?1 and mobileVerifiedAt is not null", mobile).firstResult();
    }

    /** Everyone who holds this number, verified or not, oldest account first. */
    public Uni<List<User>> holdersOf(String mobile) {
        return find("mobile = ?1 order by id", mobile).list();
    }

    /**
     * {@link #holdersOf} with their rows locked in primary-key order (two claims of one number queue up instead of
     * deadlocking); in a transaction.
     */
    public Uni<List<User>> lockHoldersOf(String mobile) {
        return find("mobile = ?1 order by id", mobile).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Boolean> emailTaken(String email) {
        return count("email", email).map(n -> n > 0);
    }

    /** Only a verified holder keeps others from registering a number. */
    public Uni<Boolean> mobileVerifiedByAnyone(String mobile) {
        return count("mobile = ?1 and mobileVerifiedAt is not null", mobile).map(n -> n > 0);
    }

    /**
     * Records the one-time admin bootstrap for {@code userId} if it was never used and no user is an admin; true when
     * it was recorded (the caller then promotes the user in the same transaction).
     */
    public Uni<Boolean> claimFirstAdmin(long userId, LocalDateTime now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(FIRST_ADMIN).setParameter(1, userId)
                .setParameter(2, now).executeUpdate()).map(n -> n == 1);
    }

    /** Every admin, locked in key order (so that concurrent role changes queue instead of deadlocking). */
    public Uni<List<User>> lockAdmins() {
        return find("role", Sort.by("id"), User.ROLE_ADMIN).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<User> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user shown outside as {@code publicId}, locked; null when there is none. */
    public Uni<User> lockByPublicId(String publicId) {
        return find("publicId", publicId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
