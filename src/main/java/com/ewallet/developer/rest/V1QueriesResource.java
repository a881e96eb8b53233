package com.ewallet.developer.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.wallet.service.BankDirectory;

import io.smallrye.common.annotation.NonBlocking;

/** Reference data for apps. Non-blocking: the app-key filter before it reads the database reactively. */
@Path("/v1/queries")
@NonBlocking
@DeveloperApi
@Produces(MediaType.APPLICATION_JSON)
public class V1QueriesResource {

    private final BankDirectory banks;

    public V1QueriesResource(BankDirectory banks) {
        this.banks = banks;
    }

    /** One bank as the Eyowo SDKs read it: exactly these two fields. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record BankView(String bankCode, String bankName) {
    }

    @GET
    @Path("/banks")
    @APIResponse(responseCode = "200", description = "The banks transfers may go to, by name", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BANKS))
    public V1Response banks() {
        List<BankView> list = banks.all().stream().map(b -> new BankView(b.code, b.name)).toList();
        return V1Response.ok(Map.of("banks", list), "Banks retrieved");
    }
}
