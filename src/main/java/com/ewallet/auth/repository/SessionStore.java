package com.ewallet.auth.repository;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live-session check every authenticated request costs, on the reactive pool directly (one primary-key read of the
 * session joined to its user's row for the role, no Hibernate session): on its own before a query, or on the connection
 * of a money transaction as its first statement.
 */
@ApplicationScoped
public class SessionStore {

    /**
     * A live session of this user (and app, or none). Parameters: session id, user id, app id, now. Money transactions
     * put it behind their first statement (see {@link com.ewallet.auth.rest.AccessTokenForMove}).
     */
    public static final String LIVE = "FROM auth_sessions WHERE id = ? AND user_id = ? AND app_id <=> ?"
            + " AND revoked_at IS NULL AND expires_at > ?";
    // The user's role comes with the session, from the same read: admin rights are never taken from a token.
    private static final String ACTIVE = "SELECT u.role FROM auth_sessions s JOIN users u ON u.id = s.user_id"
            + " WHERE s.id = ? AND s.user_id = ? AND s.app_id <=> ? AND s.revoked_at IS NULL AND s.expires_at > ?";
    // A shared lock, as INSERT ... SELECT takes: a logout waits for the session's movements in flight to commit.
    private static final String LIVE_LOCKED = "SELECT 1 " + LIVE + " LOCK IN SHARE MODE";

    // The sessions of a batch of movements, share-locked like LIVE_LOCKED; the caller matches user and app.
    private static final String LIVE_AMONG = "SELECT id, user_id, app_id FROM auth_sessions WHERE revoked_at IS NULL"
            + " AND expires_at > ? AND id IN (";

    // A wallet token names its user by public id: the session row says which user that is.
    private static final String WALLET_USER = "SELECT s.user_id, u.public_id FROM auth_sessions s"
            + " JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.app_id = ? AND s.revoked_at IS NULL"
            + " AND s.expires_at > ?";

    private final Pool pool;

    public SessionStore(Pool pool) {
        this.pool = pool;
    }

    /** The user's current role when this session of theirs (and of this app, or none) is live, else null. */
    public Uni<String> liveRole(String sessionId, long userId, Long appId, LocalDateTime now) {
        return pool.preparedQuery(ACTIVE).execute(Tuple.of(sessionId, userId, appId, now)).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? it.next().getString(0) : null;
        });
    }

    /**
     * The user of a live wallet session of this app whose user is {@code subject} (the public id; a wallet token from
     * before public ids says the numeric id), or null when there is none.
     */
    public Uni<Long> walletUser(String sessionId, String subject, long appId, LocalDateTime now) {
        return pool.preparedQuery(WALLET_USER).execute(Tuple.of(sessionId, appId, now)).map(rows -> {
            for (var row : rows) {
                long userId = row.getLong(0);
                if (subject.equals(row.getString(1)) || subject.equals(Long.toString(userId))) {
                    return userId;
                }
            }
            return null;
        });
    }

    /** Whether the caller's session is live, read (and share-locked) on a transaction's connection. */
    public Uni<Boolean> isLiveLocked(SqlConnection c, Caller who, LocalDateTime now) {
        return c.preparedQuery(LIVE_LOCKED).execute(liveParameters(who, now)).map(rows -> rows.size() == 1);
    }

    /**
     * Which of these callers' sessions are live, read and share-locked on a transaction's connection in one statement
     * (per 32 sessions): the batch form of {@link #isLiveLocked}.
     */
    public Uni<Set<Caller>> liveAmong(SqlConnection c, Collection<Caller> callers, LocalDateTime now) {
        List<String> ids = callers.stream().map(Caller::sessionId).distinct().toList();
        Map<String, Row> live = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < ids.size(); from += 32) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 32));
            Tuple values = Tuple.of(now);
            chunk.forEach(values::addValue);
            // Chunks of 32 padded with a repeated id: two statement shapes at most.
            for (int i = chunk.size(); i < (chunk.size() == 1 ? 1 : 32); i++) {
                values.addValue(chunk.get(0));
            }
            int width = chunk.size() == 1 ? 1 : 32;
            chain = chain.chain(() -> c
                    .preparedQuery(
                            LIVE_AMONG + String.join(", ", Collections.nCopies(width, "?")) + ") LOCK IN SHARE MODE")
                    .execute(values).invoke(rows -> rows.forEach(row -> live.put(row.getString(0), row)))
                    .replaceWithVoid());
        }
        return chain.map(ignored -> {
            Set<Caller> answer = new HashSet<>();
            for (Caller who : callers) {
                Row row = live.get(who.sessionId());
                if (row != null && row.getLong(1) == who.userId() && Objects.equals(row.getLong(2), who.appId())) {
                    answer.add(who);
                }
            }
            return answer;
        });
    }

    /** The parameters of {@link #LIVE} for this caller. */
    public static Tuple liveParameters(Caller who, LocalDateTime now) {
        return Tuple.of(who.sessionId(), who.userId(), who.appId(), now);
    }
}
