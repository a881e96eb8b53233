package com.ewallet.wallet.rest;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.AccessTokenForMove;
import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.wallet.BalanceView;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.HistoryPage;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.MoneyService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The seed's money endpoints plus balance and history, all behind the access cookie; the money endpoints have their
 * session checked inside their money transaction ({@link AccessTokenForMove}).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class WalletResource {

    private final MoneyService money;
    private final AccountQueryService queries;
    private final CurrentCaller caller;

    public WalletResource(MoneyService money, AccountQueryService queries, CurrentCaller caller) {
        this.money = money;
        this.queries = queries;
        this.caller = caller;
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
    @APIResponse(responseCode = "200", description = "The top-up made (or replayed, with Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransactionResult.class), example = Examples.TOPPED_UP))
    public Uni<Response> topUp(@Valid @NotNull TopUpRequest body, @Valid @BeanParam ClientHeaders headers,
            HttpServerRequest request) {
        return move(new MoneyMove.TopUp(body.amount()), headers, request);
    }

    @POST
    @Path("/transfer")
    @AccessTokenForMove
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(MoneyErrors.FAILED)
    @APIResponse(responseCode = "200", description = "The transfer made (or replayed, with Idempotent-Replayed: true)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransactionResult.class), example = Examples.TRANSFERRED))
    public Uni<Response> transfer(@Valid @NotNull TransferRequest body, @Valid @BeanParam ClientHeaders headers,
            HttpServerRequest request) {
        if ((body.code() == null) == (body.account() == null)) {
            throw MoneyErrors.rejected("DESTINATION_REQUIRED", "code",
                    "give either code (a bank) or account (a wallet), not both");
        }
        MoneyMove move = body.account() != null ? new MoneyMove.ToWallet(body.amount(), body.account())
                : new MoneyMove.ToBank(body.amount(), BankDestination.bank(body.code()));
        return move(move, headers, request);
    }

    @GET
    @Path("/balance")
    @AccessTokenRequired
    @APIResponse(responseCode = "200", description = "The caller's account", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BalanceView.class), example = Examples.BALANCE))
    public Uni<BalanceView> balance() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.balance(userId));
    }

    @GET
    @Path("/transactions")
    @AccessTokenRequired
    @APIResponse(responseCode = "200", description = "A page of the history, newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class), example = Examples.HISTORY))
    public Uni<HistoryPage> transactions(@RestQuery String limit, @RestQuery String cursor) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.history(userId, cursor, limit));
    }

    private Uni<Response> move(MoneyMove move, ClientHeaders headers, HttpServerRequest request) {
        Caller who = caller.forMove();
        return money.move(who, move, headers.origin(who.userId(), request), headers.idempotencyKey)
                .map(result -> MoneyAnswers.ok(result, result.transaction()));
    }
}
