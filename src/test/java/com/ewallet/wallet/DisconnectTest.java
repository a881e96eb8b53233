package com.ewallet.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.ewallet.LedgerCheck;
import com.ewallet.TestClient;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Clients that hang up in the middle of a money move (quarkusio/quarkus#51576): many more of them than the pool has
 * connections. Afterwards the pool must still serve and no money may be lost or made.
 */
@QuarkusTest
class DisconnectTest {

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @Test
    void clientsDisconnectingMidTransferLeakNoConnectionAndLoseNoMoney() throws Exception {
        TestClient user = TestClient.registered();
        TestClient payee = TestClient.registered();
        user.topUp(1_000_000).then().statusCode(200);

        int disconnects = poolSize * 6;
        List<Integer> indexes = java.util.stream.IntStream.range(0, disconnects).boxed().toList();
        ConcurrentMoneyTest.all(20, batch -> {
            for (int i = batch; i < disconnects; i += 20) {
                String body = i % 2 == 0 ? "{\"amount\":7,\"code\":\"bni\"}"
                        : "{\"amount\":7,\"account\":\"" + payee.accountNumber + "\"}";
                hangUpDuring(rawTransfer(user, body));
            }
            return indexes.size();
        });

        // Every request below must be answered well within the time a leaked pool would make it hang.
        RestAssuredConfig impatient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000));
        for (int i = 0; i < poolSize * 2; i++) {
            user.money().config(impatient).body(java.util.Map.of("amount", 1, "code", "bri")).post("/api/transfer")
                    .then().statusCode(200);
        }
        ManagementPort.given().config(impatient).get("/q/health/ready").then().statusCode(200);
        assertThat(LedgerCheck.inconsistentAccounts(pool)).isEmpty();
        assertThat(LedgerCheck.unexplainedMoney(pool)).isZero();
        assertThat(user.balance() + payee.balance() + bankTotal(user)).isEqualTo(1_000_000);
    }

    private long bankTotal(TestClient user) {
        return pool
                .preparedQuery("SELECT COALESCE(SUM(b.amount), 0) AS s FROM bank_transfers b "
                        + "JOIN accounts a ON a.id = b.account_id WHERE a.account_number = ?")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(user.accountNumber)).await().indefinitely().iterator()
                .next().getNumeric("s").longValue();
    }

    private String rawTransfer(TestClient user, String body) {
        return "POST /api/transfer HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n" + "Cookie: access_token_cookie="
                + user.cookies.get("access_token_cookie") + "\r\n" + "X-CSRF-TOKEN: " + user.csrfAccess() + "\r\n"
                + "Content-Type: application/json\r\n" + "location: Jakarta\r\n" + "ip-address: 10.9.9.9\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" + "\r\n" + body;
    }

    /** Sends the request, waits a moment so the server is mid-transaction, then resets the connection. */
    private void hangUpDuring(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            long pauseMicros = ThreadLocalRandom.current().nextLong(0, 4000);
            Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
            socket.setSoLinger(true, 0);
        }
    }
}
