package com.ewallet.developer.service;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ewallet.common.Clock;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Dev mode's SMS phone: with {@code wallet.sms.mode=log}, the messages that would have been sent are kept here (the
 * last {@value #KEPT}) and listed, newest first, at {@code GET /dev/sms}, so a developer can finish the passcode flow
 * without a gateway. It exists only in dev and test builds: a production build has neither the bean nor the route.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class DevSmsOutbox {

    static final int KEPT = 50;

    /** One message as the gateway would have received it. */
    public record Message(String to, String text, LocalDateTime sentAt) {
    }

    private final Deque<Message> messages = new ArrayDeque<>();

    void register(@Observes Router router) {
        router.get("/dev/sms").order(Integer.MIN_VALUE + 2).handler(
                ctx -> ctx.response().putHeader("Content-Type", "application/json").end(Json.encode(newestFirst())));
    }

    synchronized void add(String to, String text) {
        messages.addFirst(new Message(to, text, Clock.nowUtc()));
        if (messages.size() > KEPT) {
            messages.removeLast();
        }
    }

    synchronized List<Message> newestFirst() {
        return new ArrayList<>(messages);
    }
}
