package com.ewallet.developer.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.WalletConfig;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sends passcodes. In {@code log} mode (dev) it only logs that a passcode went to a masked number, never the passcode;
 * in {@code http} mode it calls the gateway, and any failure or timeout becomes a 503.
 */
@ApplicationScoped
public class SmsSender {

    private final SmsGatewayClient gateway;
    private final WalletConfig.Sms config;

    public SmsSender(@RestClient SmsGatewayClient gateway, WalletConfig config) {
        this.gateway = gateway;
        this.config = config.sms();
    }

    public Uni<Void> sendPasscode(String mobile, String passcode) {
        if ("log".equals(config.mode())) {
            Log.infof("passcode sent to %s (sms.mode=log: not delivered)", masked(mobile));
            return Uni.createFrom().voidItem();
        }
        String text = "Your " + config.sender() + " passcode is " + passcode + ". It expires in a few minutes.";
        String authorization = config.apiKey().map(k -> "Bearer " + k).orElse(null);
        return gateway.send(authorization, new SmsGatewayClient.SmsMessage(mobile, config.sender(), text))
                .invoke(() -> Log.infof("passcode sent to %s", masked(mobile))).onFailure().transform(e -> {
                    Log.warnf("SMS gateway failed for %s: %s", masked(mobile), e.getClass().getSimpleName());
                    return new ApiException(503,
                            ErrorBody.of("could not send the passcode, try again later.", "SMS_UNAVAILABLE"));
                });
    }

    static String masked(String mobile) {
        return mobile.length() <= 4 ? "****" : "*".repeat(mobile.length() - 4) + mobile.substring(mobile.length() - 4);
    }
}
