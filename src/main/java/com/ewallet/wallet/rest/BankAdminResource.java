package com.ewallet.wallet.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.service.MoneyService;

import io.smallrye.mutiny.Uni;

/** The manual settlement step of bank transfers: an admin marks a pending one successful or failed. */
@Path("/api/admin/bank-transfers")
@AccessTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class BankAdminResource {

    private final MoneyService money;
    private final CurrentCaller caller;

    public BankAdminResource(MoneyService money, CurrentCaller caller) {
        this.money = money;
        this.caller = caller;
    }

    public record SettleRequest(@NotNull @Pattern(regexp = "success|failed") String status) {
    }

    @POST
    @Path("/{reference}/settle")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The settled transfer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BankTransferView.class), example = Examples.SETTLED))
    public Uni<BankTransferView> settle(@RestPath @Pattern(regexp = "[0-9a-f]{32}") String reference,
            @Valid @NotNull SettleRequest body) {
        caller.admin();
        boolean success = "success".equals(body.status());
        return money.settle(reference, success);
    }
}
