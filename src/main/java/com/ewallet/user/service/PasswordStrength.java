package com.ewallet.user.service;

import java.util.List;

import jakarta.inject.Singleton;

import com.nulabinc.zxcvbn.Zxcvbn;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * How guessable a password is, by zxcvbn (its maintained Java port, with its English dictionaries, common passwords,
 * names, keyboard patterns, sequences, repeats and dates), given what the user is known by. Scores run from 0 to 4;
 * {@value #MIN_SCORE} ("safely unguessable", about 10^8 guesses and more) is the least a new password needs. Estimated
 * on a worker thread: a long password costs a few milliseconds of CPU.
 */
@Startup
@Singleton
public class PasswordStrength {

    public static final int MIN_SCORE = 3;

    private final Vertx vertx;
    // Loading the dictionaries takes a moment: done once, at start-up.
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordStrength(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The score, 0 to 4, of {@code password} for a user known by {@code userInputs} (email, name, ...). */
    public Uni<Integer> score(String password, List<String> userInputs) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> zxcvbn.measure(password, userInputs).getScore()),
                false);
    }
}
