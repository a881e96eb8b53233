package com.ewallet.wallet.service;

import java.util.Map;

import jakarta.inject.Singleton;

import com.ewallet.auth.Caller;

/**
 * While the warm-up runs, the sessions its rehearsal callers hold and the sandboxed money service that moves their
 * money ({@link Rehearsal}); empty otherwise. {@link MoneyService#move} asks it first: a caller of the rehearsal (a
 * session the rehearsal made up, held only in this process, for the user id it names, through the cookie API) moves
 * money in the sandbox; anyone else's request finds the map empty, or its session not in it, and goes on as always.
 */
@Singleton
public class RehearsalRoute {

    /** A rehearsal caller: the user id its session was made for and where its money moves. */
    record Sandbox(long userId, MoneyService money) {
    }

    private volatile Map<String, Sandbox> sessions = Map.of();

    /** The sandbox of {@code who}'s movements, or null for every caller but the rehearsal's. */
    MoneyService sandboxOf(Caller who) {
        Map<String, Sandbox> open = sessions;
        if (open.isEmpty()) {
            return null;
        }
        Sandbox sandbox = open.get(who.sessionId());
        return sandbox != null && sandbox.userId() == who.userId() && who.appId() == null ? sandbox.money() : null;
    }

    void open(Map<String, Sandbox> rehearsalSessions) {
        sessions = Map.copyOf(rehearsalSessions);
    }

    void close() {
        sessions = Map.of();
    }
}
