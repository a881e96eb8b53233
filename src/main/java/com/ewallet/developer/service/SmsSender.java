package com.ewallet.developer.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.developer.DeveloperConfig;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Sends passcodes. In {@code http} mode it calls the gateway, and any failure or timeout becomes a 503. In {@code log}
 * mode (dev) nothing is sent: the log says a passcode went to a masked number (never the passcode), and in a dev build
 * the message is put in the {@link DevSmsOutbox} for the developer to read.
 */
@ApplicationScoped
public class SmsSender {

    private final SmsGatewayClient gateway;
    private final TermiiClient termii;
    private final DeveloperConfig.Sms config;
    private final Instance<DevSmsOutbox> devOutbox;

    public SmsSender(@RestClient SmsGatewayClient gateway, @RestClient TermiiClient termii, DeveloperConfig config,
            Instance<DevSmsOutbox> devOutbox) {
        this.gateway = gateway;
        this.termii = termii;
        this.config = config.sms();
        this.devOutbox = devOutbox;
    }

    public Uni<Void> sendPasscode(String mobile, String passcode) {
        String text = "Your " + config.sender() + " passcode is " + passcode + ". It expires in a few minutes.";
        if ("log".equals(config.mode())) {
            if (devOutbox.isResolvable()) {
                devOutbox.get().add(mobile, text);
                Log.infof("passcode for %s is in the dev SMS outbox: GET /dev/sms", masked(mobile));
            } else {
                Log.infof("passcode sent to %s (sms.mode=log: not delivered)", masked(mobile));
            }
            return Uni.createFrom().voidItem();
        }
        return deliver(mobile, text).invoke(() -> Log.infof("passcode sent to %s", masked(mobile))).onFailure()
                .transform(e -> {
                    Log.warnf("SMS gateway failed for %s: %s", masked(mobile), e.getClass().getSimpleName());
                    return new ApiException(503,
                            ErrorBody.of("could not send the passcode, try again later.", "SMS_UNAVAILABLE"));
                });
    }

    private Uni<Void> deliver(String mobile, String text) {
        if ("termii".equals(config.provider())) {
            return termii.send(new TermiiClient.Send(config.apiKey().orElse(null), mobile, config.sender(), text,
                    "plain", config.channel())).replaceWithVoid();
        }
        String authorization = config.apiKey().map(k -> "Bearer " + k).orElse(null);
        return gateway.send(authorization, new SmsGatewayClient.SmsMessage(mobile, config.sender(), text));
    }

    static String masked(String mobile) {
        return mobile.length() <= 4 ? "****" : "*".repeat(mobile.length() - 4) + mobile.substring(mobile.length() - 4);
    }
}
