package com.ewallet.wallet.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ewallet.auth.Caller;

/** Only the rehearsal's own callers, and only while it runs, reach its sandbox. */
class RehearsalRouteTest {

    private final RehearsalRoute route = new RehearsalRoute();
    private final MoneyService sandbox = new MoneyService(null, null, null, null, new TestMoneyConfig(),
            MoneyMoveTest.banks("bni"), null, null);

    @Test
    void aRehearsalSessionOfItsOwnUserThroughTheCookieApiIsRoutedToTheSandboxWhileTheRehearsalRuns() {
        route.open(Map.of("rehearsal-session", new RehearsalRoute.Sandbox(7, sandbox)));

        assertThat(route.sandboxOf(new Caller(7, "rehearsal-session", null, null, false))).isSameAs(sandbox);
        // Another user's id with that session, an app's caller, another session: the real money service.
        assertThat(route.sandboxOf(new Caller(8, "rehearsal-session", null, null, false))).isNull();
        assertThat(route.sandboxOf(new Caller(7, "rehearsal-session", null, 3L, false))).isNull();
        assertThat(route.sandboxOf(new Caller(7, "another-session", null, null, false))).isNull();

        route.close();

        assertThat(route.sandboxOf(new Caller(7, "rehearsal-session", null, null, false))).isNull();
    }

    @Test
    void withoutARehearsalNoCallerIsRouted() {
        assertThat(route.sandboxOf(new Caller(1, "any-session", "user", null, true))).isNull();
    }
}
