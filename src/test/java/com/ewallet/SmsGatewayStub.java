package com.ewallet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in SMS gateway over real HTTP on a free loopback port. It keeps the last message per number; tests read it
 * through {@code GET /received/{to}} and make the gateway fail with {@code PUT /failing/true}.
 */
public class SmsGatewayStub implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> last = new ConcurrentHashMap<>();
        boolean[] failing = { false };
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            if (path.equals("/messages") && request.method().name().equals("POST")) {
                if (failing[0]) {
                    request.response().setStatusCode(500).end();
                    return;
                }
                JsonObject message = body.toJsonObject();
                last.put(message.getString("to"), message.getString("text"));
                request.response().setStatusCode(202).end();
            } else if (path.startsWith("/received/")) {
                String text = last.get(path.substring("/received/".length()));
                request.response().setStatusCode(text == null ? 404 : 200).end(text == null ? "" : text);
            } else if (path.startsWith("/failing/")) {
                failing[0] = Boolean.parseBoolean(path.substring("/failing/".length()));
                request.response().setStatusCode(204).end();
            } else {
                request.response().setStatusCode(404).end();
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("SMS stub did not start", e);
        }
        return Map.of("quarkus.rest-client.sms-gateway.url", "http://127.0.0.1:" + server.actualPort(),
                "wallet.sms.api-key", "test-gateway-key");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
