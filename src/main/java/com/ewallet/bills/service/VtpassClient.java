package com.ewallet.bills.service;

import java.math.BigDecimal;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * VTpass's documented API for airtime: {@code POST /api/pay} with our own unique {@code request_id}, and
 * {@code POST /api/requery} by that id. Authenticated by the {@code api-key} and {@code secret-key} headers. Switching
 * {@code quarkus.rest-client.vtu-provider.url} to the provider's sandbox is all an operator does.
 */
@RegisterRestClient(configKey = "vtu-provider")
@Path("/api")
public interface VtpassClient {

    @POST
    @Path("/pay")
    Uni<Answer> pay(@HeaderParam("api-key") String apiKey, @HeaderParam("secret-key") String secretKey, Pay pay);

    @POST
    @Path("/requery")
    Uni<Answer> requery(@HeaderParam("api-key") String apiKey, @HeaderParam("secret-key") String secretKey,
            Requery requery);

    /** {@code amount} in naira; {@code serviceID} the network ({@code mtn}, {@code glo}, ...). */
    record Pay(@JsonProperty("request_id") String requestId, String serviceID, BigDecimal amount, String phone) {
    }

    record Requery(@JsonProperty("request_id") String requestId) {
    }

    /** {@code code} {@code 000} with the transaction's {@code status}, or another code (see {@link VtuOutcome}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String code, @JsonProperty("response_description") String description, Content content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(Transactions transactions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transactions(String status) {
    }
}
