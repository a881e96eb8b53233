package com.ewallet.user.service;

import java.lang.ref.SoftReference;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.nulabinc.zxcvbn.Zxcvbn;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * How guessable a password is, by zxcvbn (its maintained Java port, with its English dictionaries, common passwords,
 * names, keyboard patterns, sequences, repeats and dates), given what the user is known by. Scores run from 0 to 4;
 * {@value #MIN_SCORE} ("safely unguessable", about 10^8 guesses and more) is the least a new password needs. Estimated
 * on a worker thread: a long password costs a few milliseconds of CPU.
 * <p>
 * The dictionaries hold about 11 MB of heap, a quarter of what the service runs with, and only new passwords need them.
 * So they are loaded when the first one is rated and held by a soft reference: the collector may drop them when no
 * password has been rated for a while and memory is wanted (HotSpot keeps a softly reachable object about one second
 * per free megabyte of heap after its last use), and the next rating loads them again (about a second).
 */
@ApplicationScoped
public class PasswordStrength {

    public static final int MIN_SCORE = 3;

    private final Vertx vertx;
    private SoftReference<Zxcvbn> estimator = new SoftReference<>(null);

    public PasswordStrength(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The score, 0 to 4, of {@code password} for a user known by {@code userInputs} (email, name, ...). */
    public Uni<Integer> score(String password, List<String> userInputs) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> estimator().measure(password, userInputs).getScore()),
                false);
    }

    // On a worker thread: concurrent first ratings wait for one load instead of each loading the dictionaries.
    private synchronized Zxcvbn estimator() {
        Zxcvbn loaded = estimator.get();
        if (loaded == null) {
            loaded = new Zxcvbn();
            estimator = new SoftReference<>(loaded);
        }
        return loaded;
    }
}
