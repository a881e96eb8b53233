package com.ewallet.common;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters an operator watches beside the HTTP ones: money movements by kind and outcome, amounts moved,
 * insufficient funds, idempotent replays, login and passcode failures.
 */
@Singleton
public class BusinessMetrics {

    private final MeterRegistry registry;
    private final Counter replays;
    private final Counter insufficientFunds;
    private final Counter loginFailures;
    private final Counter passcodeFailures;

    public BusinessMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.replays = Counter.builder("wallet.idempotent.replays").description("Idempotency-Key replays")
                .register(registry);
        this.insufficientFunds = Counter.builder("wallet.insufficient.funds")
                .description("Movements refused for insufficient funds").register(registry);
        this.loginFailures = Counter.builder("wallet.login.failures").description("Failed cookie logins")
                .register(registry);
        this.passcodeFailures = Counter.builder("wallet.passcode.failures")
                .description("Failed SMS passcode verifications").register(registry);
    }

    /** One movement attempt: outcome {@code success} or the refusal's code in lower case. */
    public void movement(String kind, String outcome, long amount) {
        Counter.builder("wallet.money.movements").description("Money movements by kind and outcome").tag("kind", kind)
                .tag("outcome", outcome).register(registry).increment();
        if ("success".equals(outcome)) {
            Counter.builder("wallet.money.moved").description("Minor units moved, by kind").baseUnit("minor_units")
                    .tag("kind", kind).register(registry).increment(amount);
        } else if ("insufficient_funds".equals(outcome)) {
            insufficientFunds.increment();
        }
    }

    public void replay() {
        replays.increment();
    }

    public void loginFailure() {
        loginFailures.increment();
    }

    public void passcodeFailure() {
        passcodeFailures.increment();
    }
}
