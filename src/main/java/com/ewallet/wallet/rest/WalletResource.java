package com.ewallet.wallet.rest;

import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.AccessTokenForMove;
import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.ApiException;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.BalanceView;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.HistoryPage;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.IdempotentExecutor;
import com.ewallet.wallet.service.WalletService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The seed's money endpoints plus balance and history, all behind the access cookie; the money endpoints have their
 * session checked inside their money transaction ({@link AccessTokenForMove}).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class WalletResource {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final WalletService wallet;
    private final AccountQueryService queries;
    private final IdempotentExecutor executor;
    private final CurrentCaller caller;
    private final WalletConfig config;

    public WalletResource(WalletService wallet, AccountQueryService queries, IdempotentExecutor executor,
            CurrentCaller caller, WalletConfig config) {
        this.wallet = wallet;
        this.queries = queries;
        this.executor = executor;
        this.caller = caller;
        this.config = config;
    }

    public record TopUpRequest(@NotNull Long amount) {
    }

    /** {@code code} names a bank, {@code account} another wallet: exactly one of them. */
    public record TransferRequest(@NotNull Long amount, @Size(min = 1, max = 16) String code,
            @Pattern(regexp = "[0-9]{10}", message = "must be a 10-digit account number") String account) {
    }

    @POST
    @Path("/topup")
    @AccessTokenForMove
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(MoneyErrors.FAILED)
    public Uni<Response> topUp(@Valid @NotNull TopUpRequest body, @Valid @BeanParam ClientHeaders headers,
            HttpServerRequest request) {
        Caller who = caller.forMove();
        long amount = wallet.checkAmount(body.amount());
        Origin origin = headers.origin(who.userId(), request);
        return answer(Uninterruptible.run(() -> executor.execute("topup", who, headers.idempotencyKey,
                "topup|" + amount, (c, ref) -> wallet.topUp(c, ref, origin, amount))));
    }

    @POST
    @Path("/transfer")
    @AccessTokenForMove
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(MoneyErrors.FAILED)
    public Uni<Response> transfer(@Valid @NotNull TransferRequest body, @Valid @BeanParam ClientHeaders headers,
            HttpServerRequest request) {
        Caller who = caller.forMove();
        long amount = wallet.checkAmount(body.amount());
        Origin origin = headers.origin(who.userId(), request);
        if ((body.code() == null) == (body.account() == null)) {
            throw MoneyErrors.rejected("DESTINATION_REQUIRED", "code",
                    "give either code (a bank) or account (a wallet), not both");
        }
        if (body.account() != null) {
            String account = body.account();
            return answer(Uninterruptible.run(() -> executor.execute("wallet_transfer", who, headers.idempotencyKey,
                    "transfer|wallet|" + account + "|" + amount,
                    (c, ref) -> wallet.transferToWallet(c, ref, origin, amount, account))));
        }
        String bank = body.code().toLowerCase(Locale.ROOT);
        if (!config.money().banks().contains(bank)) {
            throw MoneyErrors.rejected("UNKNOWN_BANK", "code", "must be one of " + config.money().banks());
        }
        return answer(Uninterruptible.run(() -> executor.execute("bank_transfer", who, headers.idempotencyKey,
                "transfer|bank|" + bank + "|" + amount,
                (c, ref) -> wallet.transferToBank(c, ref, origin, amount, BankDestination.bank(bank)))));
    }

    @GET
    @Path("/balance")
    @AccessTokenRequired
    public Uni<BalanceView> balance() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.balance(userId));
    }

    @GET
    @Path("/transactions")
    @AccessTokenRequired
    public Uni<HistoryPage> transactions(@RestQuery String limit, @RestQuery String cursor) {
        long userId = caller.get().userId();
        int size = pageSize(limit);
        return Uninterruptible.run(() -> queries.history(userId, cursor, size));
    }

    private int pageSize(String limit) {
        if (limit == null) {
            return config.history().defaultLimit();
        }
        int max = config.history().maxLimit();
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid limit.", "INVALID_LIMIT", "limit",
                "must be a whole number from 1 to " + max);
    }

    private static Uni<Response> answer(Uni<IdempotentExecutor.Answer> answer) {
        return answer.map(a -> {
            Response.ResponseBuilder response = Response.status(a.status()).entity(a.body())
                    .type(MediaType.APPLICATION_JSON_TYPE);
            return a.replayed() ? response.header(REPLAYED_HEADER, "true").build() : response.build();
        });
    }
}
