package com.ewallet.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The V9 migration (db/migration/V9__canonical_emails) on a database of its own, as an operator upgrading would run it:
 * it rewrites stored emails to their canonical form and makes the column binary, and when two users would share a
 * canonical email it stops, changing nothing, and names them. Plain JDBC and Flyway, as at start-up.
 */
class CanonicalEmailsMigrationTest {

    private static final String DB = env("DB_TEST_NAME", "ewallet_test") + "_v9";
    private static final String URL = "jdbc:mariadb://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "3306")
            + "/" + DB + "?createDatabaseIfNotExist=true";
    private static final String USER = env("DB_USER", "root");
    private static final String PASSWORD = env("DB_PASSWORD", "");

    private Flyway flyway;

    @BeforeEach
    void schemaBeforeV9() {
        // V9 and its companion V9.1 only: later migrations add columns this test's plain inserts do not fill.
        flyway = Flyway.configure().dataSource(URL, USER, PASSWORD).cleanDisabled(false)
                .locations("classpath:db/migration").target("9.1").load();
        flyway.clean();
        Flyway.configure().configuration(flyway.getConfiguration()).target("8").load().migrate();
    }

    @Test
    void collidingEmailsStopTheMigrationNamingThemAndChangeNothing() throws SQLException {
        // Three spellings the accent- and width-insensitive collation kept apart, one canonical email.
        insertUser(1, "alice@ex.com");
        insertUser(2, "\u00A0alice@ex.com");
        insertUser(3, "\uD835\uDC1Alice@ex.com"); // mathematical bold a
        insertUser(4, "Bob@Ex.COM");

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasStackTraceContaining("share a canonical email")
                .hasStackTraceContaining("alice@ex.com: user 1 <alice@ex.com>, user 2 <\u00A0alice@ex.com>, user 3 <")
                .satisfies(e -> assertThat(e).hasStackTraceContaining("nothing was changed"));

        assertThat(emails()).containsEntry(2L, "\u00A0alice@ex.com").containsEntry(4L, "Bob@Ex.COM");
        assertThat(emailCollation()).isEqualTo("utf8mb4_unicode_ci");
        assertThat(tableExists("admin_bootstrap")).isFalse();
        // Flyway records the failed V9 (MySQL has no transactional DDL): the operator repairs it after fixing the rows.
        assertThat(history()).isEqualTo("9=0");
    }

    @Test
    void afterTheOperatorResolvesTheCollisionsTheMigrationRewritesEveryEmail() throws SQLException {
        insertUser(1, "alice@ex.com");
        insertUser(2, "\u00A0alice@ex.com");
        insertUser(3, "Bob@Ex.COM");
        insertUser(4, "\uFF43arol@ex.com\u00A0"); // full-width c
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class);

        // The operator gives user 2 another address, repairs the failed entry and starts again.
        execute("UPDATE users SET email = 'alice.two@ex.com' WHERE id = 2");
        flyway.repair();
        flyway.migrate();

        assertThat(emails()).containsExactlyEntriesOf(
                Map.of(1L, "alice@ex.com", 2L, "alice.two@ex.com", 3L, "bob@ex.com", 4L, "carol@ex.com").entrySet()
                        .stream().sorted(Map.Entry.comparingByKey())
                        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        assertThat(emailCollation()).isEqualTo("utf8mb4_bin");
        // Binary now: an accented address is another address, no longer a duplicate of alice.
        insertUser(5, "\u00E1lice@ex.com");
        assertThatThrownBy(() -> insertUser(6, "alice@ex.com")).isInstanceOf(SQLException.class);
    }

    private static void insertUser(long id, String email) throws SQLException {
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, email, password_hash, name,"
                        + " mobile, role, created_at) VALUES (?, ?, 'x', 'Someone', ?, 'user', NOW(6))")) {
            insert.setLong(1, id);
            insert.setString(2, email);
            insert.setString(3, "62812000000" + id);
            insert.executeUpdate();
        }
    }

    private static Map<Long, String> emails() throws SQLException {
        Map<Long, String> emails = new LinkedHashMap<>();
        try (Connection c = connect(); Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, email FROM users ORDER BY id")) {
            while (rows.next()) {
                emails.put(rows.getLong(1), rows.getString(2));
            }
        }
        return emails;
    }

    private static String emailCollation() throws SQLException {
        try (Connection c = connect(); Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT collation_name FROM information_schema.columns"
                        + " WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'email'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String history() {
        try (Connection c = connect(); Statement select = c.createStatement(); ResultSet rows = select
                .executeQuery("SELECT version, success FROM flyway_schema_history" + " WHERE version = '9'")) {
            java.util.List<String> entries = new java.util.ArrayList<>();
            while (rows.next()) {
                entries.add(rows.getString(1) + "=" + rows.getString(2));
            }
            return String.join(",", entries);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); Statement select = c.createStatement();
                ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
