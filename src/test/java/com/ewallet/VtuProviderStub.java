package com.ewallet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in airtime provider speaking VTpass's API over real HTTP on a free loopback port. What it does with a
 * purchase depends on the last digit of the phone: 1 delivered; 2 refused (code 016); 3 answers too late (the client
 * times out) and is delivered; 4 answers 500 and failed; 5 answers "processing" (099) and is delivered; 6 answers too
 * late and stays "processing" at every requery; anything else delivered. A requery answers what the purchase became, or
 * 015 for a request id it never received. It checks the api-key and secret-key headers, and remembers every request id
 * it was paid with ({@code GET /paid/{phone}}).
 */
public class VtuProviderStub implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "test-vtu-api-key";
    public static final String SECRET_KEY = "test-vtu-secret-key";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> outcomeByRequestId = new ConcurrentHashMap<>();
        Map<String, JsonObject> paidByPhone = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            if (path.startsWith("/paid/")) {
                JsonObject paid = paidByPhone.get(path.substring("/paid/".length()));
                request.response().setStatusCode(paid == null ? 404 : 200).end(paid == null ? "" : paid.encode());
                return;
            }
            if (!API_KEY.equals(request.getHeader("api-key")) || !SECRET_KEY.equals(request.getHeader("secret-key"))) {
                request.response().setStatusCode(401)
                        .end("{\"code\":\"087\",\"response_description\":\"INVALID CREDENTIALS\"}");
                return;
            }
            JsonObject json = body.toJsonObject();
            String requestId = json.getString("request_id");
            if (path.equals("/api/pay")) {
                pay(request, json, requestId, outcomeByRequestId, paidByPhone);
            } else if (path.equals("/api/requery")) {
                String outcome = outcomeByRequestId.get(requestId);
                if ("processing".equals(outcome)) {
                    answer(request, "099", null);
                } else {
                    answer(request, outcome == null ? "015" : "000", outcome);
                }
            } else {
                request.response().setStatusCode(404).end();
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("VTU provider stub did not start", e);
        }
        return Map.of("quarkus.rest-client.vtu-provider.url", "http://127.0.0.1:" + server.actualPort(),
                "quarkus.rest-client.vtu-provider.read-timeout", "1000", "wallet.vtu.api-key", API_KEY,
                "wallet.vtu.secret-key", SECRET_KEY, "wallet.vtu.requery-every", "1s", "wallet.vtu.recheck-after",
                "PT1S");
    }

    private void pay(HttpServerRequest request, JsonObject json, String requestId, Map<String, String> outcomes,
            Map<String, JsonObject> paid) {
        String phone = json.getString("phone");
        paid.put(phone, json);
        switch (phone.charAt(phone.length() - 1)) {
        case '2' -> answer(request, "016", null);
        case '3' -> {
            outcomes.put(requestId, "delivered");
            vertx.setTimer(3000, t -> answer(request, "000", "delivered"));
        }
        case '4' -> {
            outcomes.put(requestId, "failed");
            request.response().setStatusCode(500).end("{\"code\":\"500\"}");
        }
        case '6' -> {
            outcomes.put(requestId, "processing");
            vertx.setTimer(3000, t -> answer(request, "099", null));
        }
        case '5' -> {
            outcomes.put(requestId, "delivered");
            answer(request, "099", null);
        }
        default -> {
            outcomes.put(requestId, "delivered");
            answer(request, "000", "delivered");
        }
        }
    }

    private static void answer(HttpServerRequest request, String code, String status) {
        JsonObject answer = new JsonObject().put("code", code).put("response_description", "stub").put("requestId", "x")
                .put("amount", "50.00");
        if (status != null) {
            answer.put("content", new JsonObject().put("transactions",
                    new JsonObject().put("status", status).put("product_name", "Airtime VTU")));
        }
        if (!request.response().ended() && !request.response().closed()) {
            request.response().putHeader("Content-Type", "application/json").end(answer.encode());
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
