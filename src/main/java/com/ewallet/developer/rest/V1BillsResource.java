package com.ewallet.developer.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.bills.rest.VtuResource.VtuRequest;
import com.ewallet.bills.service.VtuService;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.rest.V1WalletResource.TransferData;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.rest.MoneyAnswers;
import com.ewallet.wallet.service.AccountQueryService;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Airtime (VTU) for an app holding a wallet token: the Eyowo SDKs' {@code buyVTU}, and its follow-up. */
@Path("/v1/users/payments/bills/vtu")
@DeveloperApi
@WalletTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class V1BillsResource {

    private final VtuService vtu;
    private final AccountQueryService queries;
    private final CurrentCaller caller;
    private final V1Bodies bodies;

    public V1BillsResource(VtuService vtu, AccountQueryService queries, CurrentCaller caller, V1Bodies bodies) {
        this.vtu = vtu;
        this.queries = queries;
        this.caller = caller;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VtuRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = VtuRequest.class)) })
    @APIResponse(responseCode = "200", description = "Airtime delivered (status success), or not known yet (status pending)", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.VTU))
    public Uni<Response> buy(byte[] body, @Valid @BeanParam V1Headers headers, HttpServerRequest request)
            throws JsonProcessingException {
        MoneyMove.Vtu move = bodies.read(body, headers, VtuRequest.class).move();
        Caller who = caller.get();
        return vtu.buy(who, move, V1WalletResource.origin(who, headers, request), headers.idempotencyKey)
                .map(bought -> {
                    String status = bought.purchase().status();
                    return MoneyAnswers.ok(bought.movement(),
                            V1Response.ok(TransferData.of(bought.movement().transaction(), status),
                                    V1WalletResource.message(status)));
                });
    }

    @GET
    @Path("/{reference}")
    @APIResponse(responseCode = "200", description = "The purchase as it stands", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.VTU_PURCHASE))
    public Uni<V1Response> purchase(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> queries.vtuPurchase(userId, reference))
                .map(view -> V1Response.ok(view, V1WalletResource.message(view.status())));
    }
}
