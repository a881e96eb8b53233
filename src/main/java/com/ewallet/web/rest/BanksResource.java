package com.ewallet.web.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.wallet.service.BankDirectory;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The banks a cookie-API transfer may go to, for the web page's bank list (apps have {@code /v1/queries/banks}).
 * Non-blocking: the access filter before it checks the session reactively; the list itself is in memory.
 */
@Path("/api/banks")
@NonBlocking
@AccessTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class BanksResource {

    private final BankDirectory banks;

    public BanksResource(BankDirectory banks) {
        this.banks = banks;
    }

    /** One bank: {@code code} is what {@code POST /api/transfer} takes. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record BankView(String code, String name) {
    }

    @GET
    @APIResponse(responseCode = "200", description = "The active banks, by name", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = BankView.class), example = Examples.BANKS))
    public List<BankView> list() {
        return banks.all().stream().map(b -> new BankView(b.code, b.name)).toList();
    }
}
