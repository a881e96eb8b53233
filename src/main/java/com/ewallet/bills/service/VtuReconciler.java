package com.ewallet.bills.service;

import java.time.Duration;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.ewallet.bills.BillsConfig;
import com.ewallet.common.Clock;
import com.ewallet.wallet.VtuPurchase;
import com.ewallet.wallet.repository.VtuPurchaseRepository;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code wallet.vtu.requery-every}: asks the provider about each pending purchase that is due (by the request id
 * it was bought with) and settles what is now known; what is still unknown is asked about again later, ever less often.
 * A request id the provider does not know is a failure only once the purchase is older than
 * {@code wallet.vtu.not-found-after}. Safe on every replica at once: settling locks the purchase row and settles it
 * only while it is pending.
 */
@ApplicationScoped
public class VtuReconciler {

    private final VtuPurchaseRepository purchases;
    private final VtpassClient provider;
    private final VtuService vtu;
    private final BillsConfig.Vtu config;

    public VtuReconciler(VtuPurchaseRepository purchases, @RestClient VtpassClient provider, VtuService vtu,
            BillsConfig config) {
        this.purchases = purchases;
        this.provider = provider;
        this.vtu = vtu;
        this.config = config.vtu();
    }

    void schedule(@Observes StartupEvent event, Scheduler scheduler) {
        scheduler.newJob("vtu-reconciler").setInterval(config.requeryEvery()).setDelayed(config.requeryEvery())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> run().replaceWithVoid()).schedule();
    }

    /** One pass over the due purchases, one at a time; the number settled. */
    Uni<Integer> run() {
        LocalDateTime now = Clock.nowUtc();
        return purchases.due(now, config.batch()).onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem()
                .transformToUniAndConcatenate(purchase -> check(purchase, now).onFailure().recoverWithItem(failure -> {
                    Log.warnf("checking airtime purchase %s failed: %s", purchase.reference,
                            failure.getClass().getSimpleName());
                    return false;
                })).collect().asList().map(settled -> (int) settled.stream().filter(s -> s).count()).invoke(n -> {
                    if (n > 0) {
                        Log.infof("reconciled %d airtime purchases", n);
                    }
                });
    }

    private Uni<Boolean> check(VtuPurchase purchase, LocalDateTime now) {
        boolean oldEnough = purchase.createdAt.plus(config.notFoundAfter()).isBefore(now);
        return provider.requery(config.apiKey().orElse(null), config.secretKey().orElse(null),
                new VtpassClient.Requery(purchase.requestId)).map(answer -> {
                    VtuOutcome outcome = oldEnough && VtuOutcome.NOT_FOUND.equals(answer.code()) ? VtuOutcome.FAILED
                            : VtuOutcome.of(answer);
                    return new VtuService.Answered(outcome, answer.code());
                }).onFailure().recoverWithItem(failure -> {
                    // Whatever went wrong with the question (even a 4xx) says nothing of the purchase itself.
                    Log.warnf("airtime provider requery failed for purchase %s: %s", purchase.reference,
                            failure.getClass().getSimpleName());
                    return new VtuService.Answered(VtuOutcome.UNKNOWN, null);
                }).flatMap(answered -> vtu.settleOrWait(purchase, answered, now.plus(backoff(purchase.checks)))
                        .map(view -> answered.outcome() != VtuOutcome.UNKNOWN));
    }

    private Duration backoff(int checks) {
        // Doubling with each check, up to 32 times recheck-after.
        return config.recheckAfter().multipliedBy(1L << Math.min(checks, 5));
    }
}
