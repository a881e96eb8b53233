package com.ewallet.auth.repository;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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

    /** The parameters of {@link #LIVE} for this caller. */
    public static Tuple liveParameters(Caller who, LocalDateTime now) {
        return Tuple.of(who.sessionId(), who.userId(), who.appId(), now);
    }
}
