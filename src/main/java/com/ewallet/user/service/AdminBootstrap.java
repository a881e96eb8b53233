package com.ewallet.user.service;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ewallet.user.User;
import com.ewallet.user.UserConfig;
import com.ewallet.user.repository.UserRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** The first admin comes from {@code wallet.admin.email}: promoted at start-up if already registered. */
@ApplicationScoped
public class AdminBootstrap {

    private final UserRepository users;
    private final UserConfig config;

    public AdminBootstrap(UserRepository users, UserConfig config) {
        this.users = users;
        this.config = config;
    }

    void promote(@Observes StartupEvent event) throws Throwable {
        if (config.admin().email().isPresent()) {
            VertxContextSupport.subscribeAndAwait(this::promoteConfigured);
        }
    }

    @WithTransaction
    Uni<Void> promoteConfigured() {
        String email = config.admin().email().get().strip().toLowerCase(Locale.ROOT);
        return users.update("role = ?1 where email = ?2 and role <> ?1", User.ROLE_ADMIN, email).invoke(n -> {
            if (n > 0) {
                Log.info("configured admin promoted");
            }
        }).replaceWithVoid();
    }

    /** The role a new user with this email gets. */
    public String roleFor(String email) {
        return config.admin().email().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(email::equals)
                .map(a -> User.ROLE_ADMIN).orElse(User.ROLE_USER);
    }
}
