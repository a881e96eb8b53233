package com.ewallet.bills.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Dev mode's airtime provider: VTpass's two calls at {@code /dev/vtpass/api/pay} and {@code /dev/vtpass/api/requery}
 * (dev points {@code quarkus.rest-client.vtu-provider.url} here), so every purchase outcome can be tried without an
 * account: a number ending in 2 is refused, 3 is still processing and then delivered, 4 is still processing and then
 * fails, any other is delivered. Only in dev and test builds; production has no such route.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class DevVtuProvider {

    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.post("/dev/vtpass/api/*").order(Integer.MIN_VALUE + 2).handler(BodyHandler.create().setBodyLimit(4096));
        router.post("/dev/vtpass/api/pay").order(Integer.MIN_VALUE + 2).handler(this::pay);
        router.post("/dev/vtpass/api/requery").order(Integer.MIN_VALUE + 2).handler(this::requery);
    }

    private void pay(RoutingContext ctx) {
        JsonObject request = ctx.body().asJsonObject();
        String phone = request.getString("phone", "");
        String requestId = request.getString("request_id", "");
        switch (phone.isEmpty() ? ' ' : phone.charAt(phone.length() - 1)) {
        case '2' -> answer(ctx, "016", null);
        case '3' -> {
            outcomes.put(requestId, "delivered");
            answer(ctx, "099", null);
        }
        case '4' -> {
            outcomes.put(requestId, "failed");
            answer(ctx, "099", null);
        }
        default -> {
            outcomes.put(requestId, "delivered");
            answer(ctx, "000", "delivered");
        }
        }
    }

    private void requery(RoutingContext ctx) {
        String outcome = outcomes.get(ctx.body().asJsonObject().getString("request_id", ""));
        answer(ctx, outcome == null ? "015" : "000", outcome);
    }

    private static void answer(RoutingContext ctx, String code, String status) {
        JsonObject answer = new JsonObject().put("code", code).put("response_description", "dev simulator");
        if (status != null) {
            answer.put("content", new JsonObject().put("transactions", new JsonObject().put("status", status)));
        }
        ctx.response().putHeader("Content-Type", "application/json").end(answer.encode());
    }
}
