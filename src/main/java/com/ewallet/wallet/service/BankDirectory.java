package com.ewallet.wallet.service;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ewallet.common.StartupReads;
import com.ewallet.wallet.Bank;
import com.ewallet.wallet.repository.BankRepository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The active banks, read from the {@code banks} table at start-up and again every minute, so that checking a bank code
 * costs a money request nothing. Only a copy of the table: a bank added or deactivated there is seen by every replica
 * within a minute.
 */
@ApplicationScoped
public class BankDirectory {

    private final BankRepository banks;
    private volatile Map<String, Bank> active = Map.of();

    public BankDirectory(BankRepository banks) {
        this.banks = banks;
    }

    void load(@Observes StartupEvent event) throws Throwable {
        StartupReads.retrying("loading the banks", () -> VertxContextSupport.subscribeAndAwait(this::refresh));
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return banks.listActive().invoke(list -> {
            active = list.stream().collect(Collectors.toUnmodifiableMap(b -> b.code, Function.identity()));
            Log.debugf("%d active banks", list.size());
        }).replaceWithVoid();
    }

    /** Whether transfers may go to the bank with this (lower-case) code. */
    public boolean isActive(String code) {
        return active.containsKey(code);
    }

    /** The active banks by name, as last read. */
    public List<Bank> all() {
        return active.values().stream().sorted((a, b) -> a.name.compareToIgnoreCase(b.name)).toList();
    }

    /** Replaces the copy (service-level tests). */
    void replace(List<Bank> banks) {
        active = banks.stream().collect(Collectors.toUnmodifiableMap(b -> b.code, Function.identity()));
    }
}
