package com.ewallet.bills.rest;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.AccessTokenForMove;
import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.bills.Airtime;
import com.ewallet.bills.service.VtuService;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.VtuView;
import com.ewallet.wallet.rest.ClientHeaders;
import com.ewallet.wallet.rest.MoneyAnswers;
import com.ewallet.wallet.service.AccountQueryService;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Airtime from the cookie side: bought like every movement, followed up by reference. */
@Path("/api/vtu")
@Produces(MediaType.APPLICATION_JSON)
public class VtuResource {

    private final VtuService vtu;
    private final AccountQueryService queries;
    private final CurrentCaller caller;

    public VtuResource(VtuService vtu, AccountQueryService queries, CurrentCaller caller) {
        this.vtu = vtu;
        this.queries = queries;
        this.caller = caller;
    }

    /** {@code provider}: mtn, glo, airtel, etisalat or 9mobile; {@code mobile}: any Nigerian mobile number. */
    public record VtuRequest(@NotBlank @Size(max = 32) String mobile, @NotNull Long amount,
            @NotBlank @Size(max = 16) String provider) {

        /** The movement asked for; 400 for an unknown network or a number that is not Nigerian. */
        public MoneyMove.Vtu move() {
            return new MoneyMove.Vtu(amount, Airtime.network(provider), Airtime.mobile(mobile));
        }
    }

    /**
     * The seed's transaction answer with the purchase's status: {@code msg} says success only once the airtime is
     * delivered.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VtuAnswer(String msg, String reference, String activity, long amount, long balance,
            String counterparty, String status, String provider, String mobile) {
    }

    @POST
    @AccessTokenForMove
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(MoneyErrors.FAILED)
    @APIResponse(responseCode = "200", description = "Airtime delivered (status success) or not known yet (status pending, followed up by GET /api/vtu/{reference})", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VtuAnswer.class), example = Examples.BOUGHT))
    public Uni<Response> buy(@Valid @NotNull VtuRequest body, @Valid @BeanParam ClientHeaders headers,
            HttpServerRequest request) {
        Caller who = caller.forMove();
        return vtu.buy(who, body.move(), headers.origin(who.userId(), request), headers.idempotencyKey).map(bought -> {
            var t = bought.movement().transaction();
            VtuView p = bought.purchase();
            boolean delivered = "success".equals(p.status());
            return MoneyAnswers.ok(bought.movement(),
                    new VtuAnswer(delivered ? t.msg() : "transaction pending.", t.reference(), t.activity(), t.amount(),
                            t.balance(), t.counterparty(), p.status(), p.provider(), p.mobile()));
        });
    }

    @GET
    @Path("/{reference}")
    @AccessTokenRequired
    @APIResponse(responseCode = "200", description = "The purchase as it stands", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VtuView.class), example = Examples.PURCHASE))
    public Uni<VtuView> purchase(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.vtuPurchase(userId, reference));
    }
}
