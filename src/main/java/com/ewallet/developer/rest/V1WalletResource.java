package com.ewallet.developer.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.Headers;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.service.DeveloperUsers;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.rest.MoneyAnswers;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.MoneyService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * A user's wallet as seen by an app holding a wallet access token: accounts, balance, transfers to a phone number or a
 * bank, and bank transfer follow-up. Money moves through the same {@link MoneyService} as /api.
 */
@Path("/v1/users")
@DeveloperApi
@WalletTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class V1WalletResource {

    private final MoneyService money;
    private final AccountQueryService queries;
    private final DeveloperUsers users;
    private final CurrentCaller caller;

    public V1WalletResource(MoneyService money, AccountQueryService queries, DeveloperUsers users,
            CurrentCaller caller) {
        this.money = money;
        this.queries = queries;
        this.users = users;
        this.caller = caller;
    }

    public record PhoneTransferRequest(@NotBlank @Size(max = 32) String mobile, @NotNull Long amount) {
    }

    public record BankTransferRequest(@NotBlank @Size(max = 100) String accountName,
            @NotBlank @Pattern(regexp = "[0-9]{6,20}", message = "must be 6 to 20 digits") String accountNumber,
            @NotBlank @Size(max = 16) String bankCode, @NotNull Long amount) {
    }

    @GET
    @Path("/accounts")
    @APIResponse(responseCode = "200", description = "The user's accounts", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.ACCOUNTS))
    public Uni<V1Response> accounts() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.balance(userId))
                .map(account -> V1Response.ok(List.of(account), "Accounts retrieved"));
    }

    @GET
    @Path("/balance")
    @APIResponse(responseCode = "200", description = "The balance", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BALANCE))
    public Uni<V1Response> balance() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.balance(userId))
                .map(account -> V1Response.ok(
                        Map.of("balance", account.balance(), "accountNumber", account.accountNumber()),
                        "Balance retrieved"));
    }

    @POST
    @Path("/transfers/phone")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The transfer made (or replayed)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.PHONE_TRANSFER))
    public Uni<Response> toPhone(@Valid @NotNull PhoneTransferRequest body,
            @RestHeader(Headers.IDEMPOTENCY_KEY) @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") String key,
            @RestHeader("User-Agent") String userAgent, HttpServerRequest request) {
        String mobile = users.normalise(body.mobile(), "mobile");
        return move(new MoneyMove.ToPhone(body.amount(), mobile), key, userAgent, request, "Transfer successful");
    }

    @POST
    @Path("/transfers/bank")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The transfer, pending until settled (or replayed)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BANK_TRANSFER))
    public Uni<Response> toBank(@Valid @NotNull BankTransferRequest body,
            @RestHeader(Headers.IDEMPOTENCY_KEY) @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") String key,
            @RestHeader("User-Agent") String userAgent, HttpServerRequest request) {
        BankDestination destination = new BankDestination(body.bankCode(), body.accountName(), body.accountNumber());
        return move(new MoneyMove.ToBank(body.amount(), destination), key, userAgent, request, "Transfer pending");
    }

    @GET
    @Path("/transfers/requery/bank/{reference}")
    @APIResponse(responseCode = "200", description = "The bank transfer as it stands", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.REQUERY))
    public Uni<V1Response> requery(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.bankTransfer(userId, reference))
                .map(view -> V1Response.ok(view, "Transfer " + view.status()));
    }

    /** Fresh results and replays alike leave in the /v1 envelope; a refusal is enveloped by the filter. */
    private Uni<Response> move(MoneyMove move, String key, String userAgent, HttpServerRequest request,
            String message) {
        Caller who = caller.get();
        String remote = request.remoteAddress() == null ? "0.0.0.0" : request.remoteAddress().hostAddress();
        Origin origin = new Origin(who.userId(), who.appId(), remote, "app:" + who.appId(), Origin.userAgent(userAgent),
                remote);
        return money.move(who, move, origin, key).map(result -> MoneyAnswers.ok(result,
                V1Response.ok(result.transaction(), result.replayed() ? "Transfer replayed" : message)));
    }
}
