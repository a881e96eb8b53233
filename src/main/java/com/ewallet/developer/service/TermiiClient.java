package com.ewallet.developer.service;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/**
 * Termii's documented send API ({@code POST /api/sms/send}), an SMS provider used in Nigeria, on the same base URL and
 * timeouts as the generic gateway ({@code quarkus.rest-client.sms-gateway.*}); chosen by
 * {@code wallet.sms.provider=termii}.
 */
@RegisterRestClient(configKey = "sms-gateway")
@Path("/api/sms/send")
public interface TermiiClient {

    /** {@code type} {@code plain}; {@code channel} {@code generic}, or {@code dnd} to reach DND numbers. */
    record Send(@JsonProperty("api_key") String apiKey, String to, String from, String sms, String type,
            String channel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sent(@JsonProperty("message_id") String messageId, String message) {
    }

    @POST
    Uni<Sent> send(Send message);
}
