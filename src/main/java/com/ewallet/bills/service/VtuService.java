package com.ewallet.bills.service;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.ewallet.auth.Caller;
import com.ewallet.bills.Airtime;
import com.ewallet.bills.BillsConfig;
import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.Uninterruptible;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.MoveResult;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.VtuPurchase;
import com.ewallet.wallet.VtuView;
import com.ewallet.wallet.repository.VtuPurchaseRepository;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.MoneyService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Airtime: the wallet is debited through the one money path (same lock, limits and Idempotency-Key as every movement),
 * then the provider is asked to deliver. Delivered: SUCCESS. Refused: FAILED, and the money comes back. Anything else
 * (a timeout, a 5xx, still processing) leaves it PENDING for {@link VtuReconciler}; an unknown outcome is never
 * refunded.
 */
@ApplicationScoped
public class VtuService {

    private final MoneyService money;
    private final AccountQueryService queries;
    private final VtuPurchaseRepository purchases;
    private final VtpassClient provider;
    private final BillsConfig.Vtu config;

    public VtuService(MoneyService money, AccountQueryService queries, VtuPurchaseRepository purchases,
            @RestClient VtpassClient provider, BillsConfig config) {
        this.money = money;
        this.queries = queries;
        this.purchases = purchases;
        this.provider = provider;
        this.config = config.vtu();
    }

    /** The movement and the purchase as it stands after the provider's first answer (or none). */
    public record Bought(MoveResult movement, VtuView purchase) {
    }

    /**
     * Buys airtime; a retry under the same Idempotency-Key moves no money and answers the purchase as it stands now. A
     * purchase that failed answers 400 {@code VTU_FAILED} (its money already returned).
     */
    public Uni<Bought> buy(Caller who, MoneyMove.Vtu move, Origin origin, String idempotencyKey) {
        return money.move(who, move, origin, idempotencyKey).flatMap(result -> {
            String reference = result.transaction().reference();
            Uni<VtuView> purchase = result.replayed() ? queries.vtuPurchase(who.userId(), reference)
                    : Uninterruptible.run(() -> deliver(reference));
            return purchase.map(view -> {
                if (VtuPurchase.FAILED.equalsIgnoreCase(view.status())) {
                    ApiException refused = MoneyErrors.rejected("VTU_FAILED", "provider",
                            "the provider did not deliver the airtime; the amount was returned to the wallet");
                    throw result.replayed() ? ApiException.replayed(400, refused.body()) : refused;
                }
                return new Bought(result, view);
            });
        });
    }

    /** Asks the provider to deliver a purchase just paid for, and settles it if the answer is definite. */
    Uni<VtuView> deliver(String reference) {
        return purchases.findByReference(reference)
                .flatMap(purchase -> provider
                        .pay(config.apiKey().orElse(null), config.secretKey().orElse(null),
                                new VtpassClient.Pay(purchase.requestId, purchase.provider,
                                        BigDecimal.valueOf(purchase.amount, 2), Airtime.national(purchase.mobile)))
                        .map(answer -> new Answered(VtuOutcome.of(answer), answer.code())).onFailure()
                        .recoverWithItem(failure -> unknown(reference, failure))
                        .flatMap(answered -> settleOrWait(purchase, answered, Clock.nowUtc())));
    }

    /** What the provider said; {@code code} is its answer code, or the HTTP status as text. */
    record Answered(VtuOutcome outcome, String code) {
    }

    /** Settles a definite outcome; leaves an unknown one pending until {@code next}. */
    Uni<VtuView> settleOrWait(VtuPurchase purchase, Answered answered, LocalDateTime next) {
        if (answered.outcome() == VtuOutcome.UNKNOWN) {
            return checkLater(purchase.reference, answered.code(), next).replaceWith(() -> {
                purchase.checks++;
                return VtuView.of(purchase);
            });
        }
        boolean delivered = answered.outcome() == VtuOutcome.SUCCESS;
        Log.infof("airtime purchase %s %s (provider code %s)", purchase.reference, delivered ? "delivered" : "refused",
                answered.code());
        return money.settleVtu(purchase.reference, delivered, answered.code());
    }

    @WithTransaction
    Uni<Integer> checkLater(String reference, String code, LocalDateTime next) {
        return purchases.checkAgainAt(reference, code, next);
    }

    /**
     * A failure of the call itself. A 4xx is the provider refusing the request (nothing was bought); a timeout, a 5xx
     * or a broken connection says nothing of the outcome.
     */
    static Answered unknown(String reference, Throwable failure) {
        if (failure instanceof jakarta.ws.rs.WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Log.warnf("airtime provider answered %d for purchase %s", status, reference);
            return new Answered(status >= 400 && status < 500 ? VtuOutcome.FAILED : VtuOutcome.UNKNOWN,
                    "HTTP " + status);
        }
        Log.warnf("airtime provider unreachable for purchase %s: %s", reference, failure.getClass().getSimpleName());
        return new Answered(VtuOutcome.UNKNOWN, null);
    }
}
