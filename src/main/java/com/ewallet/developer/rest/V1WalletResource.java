package com.ewallet.developer.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.service.DeveloperUsers;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.rest.MoneyAnswers;
import com.ewallet.wallet.service.AccountQueryService;
import com.ewallet.wallet.service.MoneyService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.runtime.annotations.RegisterForReflection;
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

    static final String SUCCESS = "success";
    static final String PENDING = "pending";

    private final MoneyService money;
    private final AccountQueryService queries;
    private final DeveloperUsers users;
    private final CurrentCaller caller;
    private final V1Bodies bodies;

    public V1WalletResource(MoneyService money, AccountQueryService queries, DeveloperUsers users, CurrentCaller caller,
            V1Bodies bodies) {
        this.money = money;
        this.queries = queries;
        this.users = users;
        this.caller = caller;
        this.bodies = bodies;
    }

    public record PhoneTransferRequest(@NotBlank @Size(max = 32) String mobile, @NotNull Long amount) {
    }

    public record BankTransferRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}*", message = "must be printable text") String accountName,
            @NotBlank @Pattern(regexp = "[0-9]{6,20}", message = "must be 6 to 20 digits") String accountNumber,
            @NotBlank @Size(max = 16) String bankCode, @NotNull Long amount) {
    }

    /** The user an app sees: Eyowo's {@code data.user}, with the user's opaque public id. */
    @RegisterForReflection
    public record WalletUser(String id, String mobile, long balance) {
    }

    /** Balance as the Eyowo SDKs read it ({@code data.user.balance}), with this API's own fields beside it. */
    @RegisterForReflection
    public record BalanceData(WalletUser user, long balance, String accountNumber) {
    }

    /** {@code data.transaction} of a movement's answer, as the Eyowo SDKs read it. */
    @RegisterForReflection
    public record TransactionView(String reference, long amount, String status) {
    }

    /**
     * A movement's answer: {@code transaction} for the SDKs, the fields this API always had beside it. {@code msg} (the
     * seed's success text) only on a movement that is complete: a pending one says nothing of success.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferData(String msg, String reference, String activity, long amount, long balance,
            String counterparty, TransactionView transaction) {

        static TransferData of(TransactionResult result, String status) {
            return new TransferData(SUCCESS.equals(status) ? result.msg() : null, result.reference(), result.activity(),
                    result.amount(), result.balance(), result.counterparty(),
                    new TransactionView(result.reference(), result.amount(), status));
        }
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
        return balanceOf(null);
    }

    @POST
    @Path("/balance")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = V1AuthResource.MobileRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = V1AuthResource.MobileRequest.class)) })
    @APIResponse(responseCode = "200", description = "The balance of the token's user, who must have this mobile", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BALANCE))
    public Uni<V1Response> balance(byte[] body, @BeanParam V1Headers headers) throws JsonProcessingException {
        return balanceOf(
                users.normalise(bodies.read(body, headers, V1AuthResource.MobileRequest.class).mobile(), "mobile"));
    }

    @GET
    @Path("/transactions")
    @APIResponse(responseCode = "200", description = "A page of the history, newest first (as GET /api/transactions)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.HISTORY))
    public Uni<V1Response> transactions(@RestQuery String limit, @RestQuery String cursor) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.history(userId, cursor, limit))
                .map(page -> V1Response.ok(page, "Transactions retrieved"));
    }

    @POST
    @Path("/transfers/phone")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PhoneTransferRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = PhoneTransferRequest.class)) })
    @APIResponse(responseCode = "200", description = "The transfer made (or replayed)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.PHONE_TRANSFER))
    public Uni<Response> toPhone(byte[] body, @Valid @BeanParam V1Headers headers, HttpServerRequest request)
            throws JsonProcessingException {
        PhoneTransferRequest transfer = bodies.read(body, headers, PhoneTransferRequest.class);
        String mobile = users.normalise(transfer.mobile(), "mobile");
        return move(new MoneyMove.ToPhone(transfer.amount(), mobile), headers, request, SUCCESS);
    }

    @POST
    @Path("/transfers/bank")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankTransferRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = BankTransferRequest.class)) })
    @APIResponse(responseCode = "200", description = "The transfer, pending until settled (or replayed)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BANK_TRANSFER))
    public Uni<Response> toBank(byte[] body, @Valid @BeanParam V1Headers headers, HttpServerRequest request)
            throws JsonProcessingException {
        BankTransferRequest transfer = bodies.read(body, headers, BankTransferRequest.class);
        BankDestination destination = new BankDestination(transfer.bankCode(), transfer.accountName(),
                transfer.accountNumber());
        return move(new MoneyMove.ToBank(transfer.amount(), destination), headers, request, PENDING);
    }

    @GET
    @Path("/transfers/requery/bank/{reference}")
    @APIResponse(responseCode = "200", description = "The bank transfer as it stands", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.REQUERY))
    public Uni<V1Response> requery(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.bankTransfer(userId, reference))
                .map(view -> V1Response.ok(view, "Transfer " + view.status()));
    }

    /** The balance of the token's user; with {@code mobile}, that must be the user's (403 otherwise). */
    private Uni<V1Response> balanceOf(String mobile) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> users.byId(userId).flatMap(user -> {
            if (mobile != null && !mobile.equals(user.mobile)) {
                throw new ApiException(403,
                        ErrorBody.of("this mobile is not the wallet token's user.", "MOBILE_MISMATCH"));
            }
            return queries.balance(userId)
                    .map(account -> new BalanceData(new WalletUser(user.publicId, user.mobile, account.balance()),
                            account.balance(), account.accountNumber()));
        })).map(data -> V1Response.ok(data, "Balance retrieved"));
    }

    /**
     * Fresh results and replays alike leave in the /v1 envelope, as Eyowo answers them; a refusal is enveloped by the
     * filter.
     */
    private Uni<Response> move(MoneyMove move, V1Headers headers, HttpServerRequest request, String status) {
        Caller who = caller.get();
        return money.move(who, move, origin(who, headers, request), headers.idempotencyKey).map(result -> MoneyAnswers
                .ok(result, V1Response.ok(TransferData.of(result.transaction(), status), message(status))));
    }

    /** Who moves money through an app, and from where: the app stands in for the seed's location header. */
    static Origin origin(Caller who, V1Headers headers, HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? "0.0.0.0" : request.remoteAddress().hostAddress();
        return new Origin(who.userId(), who.appId(), remote, "app:" + who.appId(), Origin.userAgent(headers.userAgent),
                remote);
    }

    /** The Eyowo message of a movement in this state; only a complete one speaks of success. */
    static String message(String status) {
        return switch (status) {
        case SUCCESS -> "Transaction successful";
        case PENDING -> "Transaction pending";
        default -> "Transaction failed";
        };
    }
}
