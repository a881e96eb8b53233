package com.ewallet.wallet.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.ewallet.common.RandomIds;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLConnectOptions;

/**
 * The warm-up's rehearsal against the test database: it moves money through the real money path, batches included, and
 * leaves every real table as it found it; a database user that may not create temporary tables gets no rehearsal at
 * all, not one statement on the real tables.
 */
@QuarkusTest
class RehearsalTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Rehearsal rehearsal;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @Test
    void theRehearsalMovesMoneyInItsOwnTemporaryTablesOnly() {
        Map<String, Long> before = rowCounts();

        Rehearsal.Report report = rehearsal.run(Duration.ofSeconds(2), 32, options("root", "")).await().atMost(WAIT);

        assertThat(report.skipped()).isNull();
        assertThat(report.moved()).isGreaterThan(200);
        assertThat(report.refused()).isZero();
        assertThat(report.failed()).isZero();
        // The hot payer's and hot payee's movements queued behind each other: batches of more than one.
        assertThat(report.largestBatch()).isGreaterThan(1);
        assertThat(report.batches()).isPositive().isLessThan(report.moved());
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM ledger_entries WHERE location = 'warm-up'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM users WHERE email LIKE '%@warm-up.invalid'")).isZero();
    }

    @Test
    void aDatabaseUserThatMayNotCreateTemporaryTablesGetsNoRehearsalAndNoStatementOnTheRealTables() {
        String database = database();
        String password = RandomIds.token();
        // Every right on the real tables the money path writes, none to create temporary tables: a rehearsal that
        // went on without its copies would write here.
        sql("CREATE USER IF NOT EXISTS 'warm_up_test'@'%' IDENTIFIED BY '" + password + "'");
        sql("ALTER USER 'warm_up_test'@'%' IDENTIFIED BY '" + password + "'");
        sql("GRANT SELECT, INSERT, UPDATE, DELETE ON " + database + ".* TO 'warm_up_test'@'%'");
        try {
            Map<String, Long> before = rowCounts();

            Rehearsal.Report report = rehearsal.run(Duration.ofSeconds(1), 8, options("warm_up_test", password)).await()
                    .atMost(WAIT);

            assertThat(report.skipped()).contains("denied");
            assertThat(report.moved()).isZero();
            assertThat(rowCounts()).isEqualTo(before);
        } finally {
            sql("DROP USER IF EXISTS 'warm_up_test'@'%'");
        }
    }

    private MySQLConnectOptions options(String user, String password) {
        return MySQLConnectOptions.fromUri(url).setUser(user).setPassword(password);
    }

    private String database() {
        return MySQLConnectOptions.fromUri(url).getDatabase();
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Rehearsal.TABLES) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    private long count(String query) {
        return pool.query(query).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }
}
