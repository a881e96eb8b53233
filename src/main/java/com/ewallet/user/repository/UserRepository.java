package com.ewallet.user.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.user.User;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Users. Emails are looked up in their canonical form ({@link com.ewallet.user.Email}), compared byte for byte. */
@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepository<User> {

    public Uni<User> findByEmail(String email) {
        return find("email", email).firstResult();
    }

    public Uni<User> findByMobile(String mobile) {
        return find("mobile", mobile).firstResult();
    }

    public Uni<Boolean> emailTaken(String email) {
        return count("email", email).map(n -> n > 0);
    }

    public Uni<Boolean> mobileTaken(String mobile) {
        return count("mobile", mobile).map(n -> n > 0);
    }
}
