package com.ewallet.developer.rest;

import java.util.List;
import java.util.Locale;
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

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Uninterruptible;
import com.ewallet.common.WalletConfig;
import com.ewallet.developer.service.DeveloperUsers;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.rest.WalletResource;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.IdempotentExecutor;
import com.ewallet.wallet.service.WalletService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * A user's wallet as seen by an app holding a wallet access token: accounts, balance, transfers to a phone number or a
 * bank, and bank transfer follow-up. Money moves through the same {@link WalletService} as /api.
 */
@Path("/v1/users")
@DeveloperApi
@WalletTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class V1WalletResource {

    private final WalletService wallet;
    private final AccountQueryService queries;
    private final IdempotentExecutor executor;
    private final DeveloperUsers users;
    private final CurrentCaller caller;
    private final WalletConfig config;
    private final ObjectMapper json;

    public V1WalletResource(WalletService wallet, AccountQueryService queries, IdempotentExecutor executor,
            DeveloperUsers users, CurrentCaller caller, WalletConfig config, ObjectMapper json) {
        this.wallet = wallet;
        this.queries = queries;
        this.executor = executor;
        this.users = users;
        this.caller = caller;
        this.config = config;
        this.json = json;
    }

    public record PhoneTransferRequest(@NotBlank @Size(max = 32) String mobile, @NotNull Long amount) {
    }

    public record BankTransferRequest(@NotBlank @Size(max = 100) String accountName,
            @NotBlank @Pattern(regexp = "[0-9]{6,20}", message = "must be 6 to 20 digits") String accountNumber,
            @NotBlank @Size(max = 16) String bankCode, @NotNull Long amount) {
    }

    @GET
    @Path("/accounts")
    public Uni<V1Response> accounts() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.balance(userId))
                .map(account -> V1Response.ok(List.of(account), "Accounts retrieved"));
    }

    @GET
    @Path("/balance")
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
    public Uni<Response> toPhone(@Valid @NotNull PhoneTransferRequest body,
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") String key,
            @RestHeader("User-Agent") String userAgent, HttpServerRequest request) {
        Caller who = caller.get();
        long amount = wallet.checkAmount(body.amount());
        String mobile = users.normalise(body.mobile(), "mobile");
        Origin origin = origin(who, userAgent, request);
        return answer(
                Uninterruptible.run(() -> users.byMobile(mobile).onFailure(com.ewallet.common.ApiException.class)
                        .transform(e -> MoneyErrors.rejected("UNKNOWN_MOBILE", "mobile",
                                "no wallet user has this mobile number"))
                        .flatMap(payee -> queries.accountNumberOfUser(payee.id))
                        .flatMap(account -> executor.execute("wallet_transfer", who, key,
                                "v1|phone|" + mobile + "|" + amount,
                                (c, ref) -> wallet.transferToWallet(c, ref, origin, amount, account)))),
                "Transfer successful");
    }

    @POST
    @Path("/transfers/bank")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> toBank(@Valid @NotNull BankTransferRequest body,
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") String key,
            @RestHeader("User-Agent") String userAgent, HttpServerRequest request) {
        Caller who = caller.get();
        long amount = wallet.checkAmount(body.amount());
        String bank = body.bankCode().toLowerCase(Locale.ROOT);
        if (!config.money().banks().contains(bank)) {
            throw MoneyErrors.rejected("UNKNOWN_BANK", "bankCode", "must be one of " + config.money().banks());
        }
        BankDestination destination = new BankDestination(bank, body.accountName().strip(), body.accountNumber());
        Origin origin = origin(who, userAgent, request);
        return answer(
                Uninterruptible.run(() -> executor.execute("bank_transfer", who, key,
                        "v1|bank|" + bank + "|" + body.accountNumber() + "|" + body.accountName().strip() + "|"
                                + amount,
                        (c, ref) -> wallet.transferToBank(c, ref, origin, amount, destination))),
                "Transfer pending");
    }

    @GET
    @Path("/transfers/requery/bank/{reference}")
    public Uni<V1Response> requery(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.bankTransfer(userId, reference))
                .map(view -> V1Response.ok(view, "Transfer " + view.status()));
    }

    private static Origin origin(Caller who, String userAgent, HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? "0.0.0.0" : request.remoteAddress().hostAddress();
        return new Origin(who.userId(), who.appId(), remote, "app:" + who.appId(), Origin.userAgent(userAgent), remote);
    }

    /** Fresh results and replays alike leave in the /v1 envelope. */
    private Uni<Response> answer(Uni<IdempotentExecutor.Answer> answer, String message) {
        return answer.map(a -> {
            Object body = a.replayed() ? replayed(a) : V1Response.ok(a.body(), message);
            Response.ResponseBuilder response = Response.status(a.status()).entity(body)
                    .type(MediaType.APPLICATION_JSON_TYPE);
            return a.replayed() ? response.header(WalletResource.REPLAYED_HEADER, "true").build() : response.build();
        });
    }

    private Object replayed(IdempotentExecutor.Answer answer) {
        JsonNode stored;
        try {
            stored = json.readTree((String) answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent answer is not JSON", e);
        }
        if (answer.status() < 300) {
            return V1Response.ok(stored, "Transfer replayed");
        }
        return new ErrorBody(stored.path("msg").asText(), stored.path("code").asText(), null);
    }
}
