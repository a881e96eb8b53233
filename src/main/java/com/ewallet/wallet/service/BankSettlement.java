package com.ewallet.wallet.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.Clock;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.repository.BankTransferRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
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
    private final WalletService wallet;
    private final WalletConfig.Bank config;

    public BankSettlement(BankTransferRepository transfers, WalletService wallet, WalletConfig config) {
        this.transfers = transfers;
        this.wallet = wallet;
        this.config = config.bank();
    }

    @Scheduled(every = "${wallet.bank.settle-every:5s}", delayed = "${wallet.bank.settle-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> settleDue() {
        if (config.autoSettleAfter().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return due().onItem().transformToMulti(refs -> Multi.createFrom().iterable(refs)).onItem()
                .transformToUniAndConcatenate(ref -> wallet.settle(ref, true).onFailure().recoverWithNull()).collect()
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
