package com.ewallet.wallet.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ewallet.common.Clock;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.repository.BankTransferRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The configurable settlement step: with {@code wallet.bank.auto-settle-after} set, pending bank transfers older than
 * that are settled as successful; otherwise they wait for an admin. Each transfer is settled in its own transaction
 * under its row lock, so two replicas running this job cannot settle one twice.
 */
@ApplicationScoped
public class BankSettlement {

    static final int BATCH = 200;

    private final BankTransferRepository transfers;
    private final MoneyService money;
    private final MoneyConfig.Bank config;

    public BankSettlement(BankTransferRepository transfers, MoneyService money, MoneyConfig config) {
        this.transfers = transfers;
        this.money = money;
        this.config = config.bank();
    }

    /** Only when auto-settlement is configured, every {@code wallet.bank.settle-every}. */
    void schedule(@Observes StartupEvent event, Scheduler scheduler) {
        if (config.autoSettleAfter().isPresent()) {
            scheduler.newJob("bank-auto-settlement").setInterval(config.settleEvery()).setDelayed(config.settleEvery())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP).setAsyncTask(execution -> settleDue())
                    .schedule();
        }
    }

    Uni<Void> settleDue() {
        return due().onItem().transformToMulti(refs -> Multi.createFrom().iterable(refs)).onItem()
                .transformToUniAndConcatenate(ref -> money.settle(ref, true).onFailure().recoverWithNull()).collect()
                .asList().invoke(done -> {
                    if (!done.isEmpty()) {
                        Log.infof("auto-settled %d bank transfers", done.size());
                    }
                }).replaceWithVoid();
    }

    @WithSession
    Uni<java.util.List<String>> due() {
        return transfers.pendingBefore(Clock.nowUtc().minus(config.autoSettleAfter().get()), BATCH);
    }
}
