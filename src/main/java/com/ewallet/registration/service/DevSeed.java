package com.ewallet.registration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ewallet.user.Email;
import com.ewallet.user.User;
import com.ewallet.user.repository.UserRepository;
import com.ewallet.user.service.MobileOwnership;
import com.ewallet.user.service.PasswordHasher;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Dev mode only: the seed's {@code make seed_dev} user, aditya@ewallet.com / password, created as an admin (a dev build
 * makes it itself; no email is ever an admin by name, and an existing user of that email is left as it is), with the
 * mobile 6281200000001 verified (so that phone transfers reach it without the SMS step).
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevSeed {

    static final String EMAIL = Email.canonical("aditya@ewallet.com").orElseThrow();
    static final String MOBILE = "6281200000001";

    private final UserRepository users;
    private final RegistrationService registration;
    private final PasswordHasher hasher;
    private final MobileOwnership mobiles;

    public DevSeed(UserRepository users, RegistrationService registration, PasswordHasher hasher,
            MobileOwnership mobiles) {
        this.mobiles = mobiles;
        this.users = users;
        this.registration = registration;
        this.hasher = hasher;
    }

    void seed(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> users.findByEmail(EMAIL).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return hasher.hash("password")
                    .flatMap(hash -> registration.create(EMAIL, hash, "Aditya", MOBILE, User.ROLE_ADMIN))
                    .invoke(user -> Log.infof("dev seed user %s created", EMAIL)).replaceWithVoid();
        }).flatMap(v -> users.findByEmail(EMAIL)).flatMap(seed -> {
            if (seed.mobileVerified() || !MOBILE.equals(seed.mobile)) {
                return Uni.createFrom().voidItem();
            }
            return mobiles.claim(seed.id, MOBILE).replaceWithVoid();
        }));
    }
}
