package com.ewallet.developer.rest;

import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.wallet.MoneyConfig;

import io.smallrye.common.annotation.NonBlocking;

/** Reference data for apps. Non-blocking: the app-key filter before it reads the database reactively. */
@Path("/v1/queries")
@NonBlocking
@DeveloperApi
@Produces(MediaType.APPLICATION_JSON)
public class V1QueriesResource {

    private final MoneyConfig config;

    public V1QueriesResource(MoneyConfig config) {
        this.config = config;
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Bank(String bankCode, String name) {
    }

    @GET
    @Path("/banks")
    @APIResponse(responseCode = "200", description = "The banks transfers may go to", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.BANKS))
    public V1Response banks() {
        return V1Response.ok(
                config.money().banks().stream().map(code -> new Bank(code, code.toUpperCase(Locale.ROOT))).toList(),
                "Banks retrieved");
    }
}
