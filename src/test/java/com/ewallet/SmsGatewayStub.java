package com.ewallet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in SMS gateway over real HTTP on a free loopback port, speaking the generic API ({@code POST /messages}) and
 * Termii's ({@code POST /api/sms/send}, whose messages it keeps prefixed with "termii" and the channel). It keeps the
 * last message per number; tests read it through {@code GET /received/{to}} and make the gateway fail with
 * {@code PUT /failing/true}. Its address is also left in the system property {@value #URL_PROPERTY}, which test helpers
 * read without injection (the *IT suites cannot inject).
 */
public class SmsGatewayStub implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "ewallet.test.sms-gateway.url";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> last = new ConcurrentHashMap<>();
        boolean[] failing = { false };
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            if (path.equals("/api/sms/send") && request.method().name().equals("POST")) {
                // Termii's send API: the key in the body, the text in "sms".
                JsonObject message = body.toJsonObject();
                if (failing[0] || !"test-gateway-key".equals(message.getString("api_key"))) {
                    request.response().setStatusCode(failing[0] ? 500 : 401).end();
                    return;
                }
                last.put(message.getString("to"),
                        "termii " + message.getString("channel") + ": " + message.getString("sms"));
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("message_id", "9122821270554876574")
                                .put("message", "Successfully Sent").put("balance", 9).put("user", "stub").encode());
            } else if (path.equals("/messages") && request.method().name().equals("POST")) {
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
        String url = "http://127.0.0.1:" + server.actualPort();
        System.setProperty(URL_PROPERTY, url);
        return Map.of("quarkus.rest-client.sms-gateway.url", url, "wallet.sms.api-key", "test-gateway-key");
    }

    /** The last passcode the stub gateway received for this number. */
    public static String lastPasscode(String mobile) {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("the SMS gateway stub is not running");
        }
        String text = io.restassured.RestAssured.given().get(url + "/received/" + mobile).then().statusCode(200)
                .extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([0-9]{6})\\b").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no passcode in: " + text);
        }
        return m.group(1);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
