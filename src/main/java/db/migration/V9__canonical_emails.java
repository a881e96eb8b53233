package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;

import com.ewallet.user.Email;

/**
 * One canonical identity per email (issue 11): every stored email is rewritten to its {@link Email#normalise} form
 * (NFKC, trimmed, lower-cased: SQL cannot do NFKC portably, hence Java), and {@code users.email} compares bytes
 * ({@code utf8mb4_bin}, on MySQL 8 and MariaDB alike) instead of ignoring accents and widths.
 * <p>
 * Two users whose emails have the same canonical form cannot both keep it: the migration then stops before changing
 * anything and names them, so that an operator decides (merges or renames one) and migrates again. It never picks a
 * winner silently. Stored emails that the new registration rule would refuse (non-ASCII, say) stay as they are, listed
 * in a warning: their owners can still log in with them.
 * <p>
 * A Java migration lives in Flyway's {@code db.migration} package, outside the feature packages; it runs on Flyway's
 * JDBC connection at start-up only.
 */
public class V9__canonical_emails extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V9__canonical_emails.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, List<String>> owners = new TreeMap<>();
        Map<Long, String> rewrites = new LinkedHashMap<>();
        List<Long> outsideTheRule = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, email FROM users ORDER BY id")) {
            while (rows.next()) {
                long id = rows.getLong(1);
                String email = rows.getString(2);
                String canonical = Email.normalise(email);
                owners.computeIfAbsent(canonical, k -> new ArrayList<>()).add("user " + id + " <" + email + ">");
                if (!canonical.equals(email)) {
                    rewrites.put(id, canonical);
                }
                if (!Email.isPlausible(canonical)) {
                    outsideTheRule.add(id);
                }
            }
        }
        String collisions = owners.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
        if (!collisions.isEmpty()) {
            throw new FlywayException("V9 canonical emails: users share a canonical email, nothing was changed."
                    + " Give each of them a distinct email (or merge them), then migrate again. " + collisions);
        }
        try (Statement alter = connection.createStatement()) {
            alter.execute("ALTER TABLE users MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                    + " NOT NULL");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE users SET email = ? WHERE id = ?")) {
            for (Map.Entry<Long, String> rewrite : rewrites.entrySet()) {
                update.setString(1, rewrite.getValue());
                update.setLong(2, rewrite.getKey());
                update.executeUpdate();
            }
        }
        LOG.infof("V9 canonical emails: %d of %d emails rewritten", rewrites.size(), owners.size());
        if (!outsideTheRule.isEmpty()) {
            LOG.warnf("V9 canonical emails: users %s have emails that registration would now refuse; they keep them",
                    outsideTheRule);
        }
    }
}
