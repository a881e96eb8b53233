package com.ewallet.user.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.ewallet.user.User;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepository<User> {

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
}
