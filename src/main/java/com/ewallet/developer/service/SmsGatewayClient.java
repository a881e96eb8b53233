package com.ewallet.developer.service;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The SMS gateway's HTTP API: {@code POST /messages} with {@code {to, from, text}}. Base URL and timeouts are the
 * {@code quarkus.rest-client.sms-gateway.*} settings.
 */
@RegisterRestClient(configKey = "sms-gateway")
@Path("/messages")
public interface SmsGatewayClient {

    record SmsMessage(String to, String from, String text) {
    }

    @POST
    Uni<Void> send(@HeaderParam("Authorization") String authorization, SmsMessage message);
}
