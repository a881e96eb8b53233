package com.ewallet.user.service;

import jakarta.inject.Singleton;

import com.ewallet.user.UserConfig;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt (Quarkus Elytron) on a worker thread: a hash costs tens of milliseconds of CPU and must never run on the event
 * loop. The result comes back on the caller's Vert.x context, where Hibernate Reactive needs it.
 */
@Singleton
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    // Compared against when the user does not exist, so that unknown and known emails take the same time.
    private final String dummyHash;

    public PasswordHasher(Vertx vertx, UserConfig config) {
        this.vertx = vertx;
        this.cost = config.passwords().bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("not-a-password-" + System.nanoTime(), cost);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)), false);
    }

    /** True when {@code hash} is present and matches; always does one full bcrypt comparison. */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean ok = BcryptUtil.matches(password, hash != null ? hash : dummyHash);
            return ok && hash != null;
        }), false);
    }
}
