package com.ewallet.wallet.repository;

import static com.ewallet.wallet.repository.Rows.first;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.Caller;
import com.ewallet.auth.repository.SessionStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Idempotency-Keys on the money path. A key is the first row its money transaction writes, with the reference of the
 * movement about to be made; the movement's ledger rows are its answer. A refused request leaves the key with the
 * refusal's status and body instead, and no reference.
 */
@ApplicationScoped
public class IdempotencyKeyStore {

    private static final String INTO = "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, reference,"
            + " created_at) ";
    private static final String ROW = "?, ?, ?, ?, ?";
    private static final String INSERT = INTO + "VALUES (" + ROW + ")";
    private static final String INSERT_IF_LIVE = INTO + "SELECT " + ROW + " " + SessionStore.LIVE;
    private static final String REFUSED = "UPDATE idempotency_keys SET response_status = ?, response_body = ?,"
            + " reference = NULL WHERE user_id = ? AND idem_key = ?";
    private static final String RECORDED = "SELECT user_id, idem_key FROM idempotency_keys WHERE ";
    private static final String HOLDER = "(user_id = ? AND idem_key = ?)";
    private static final String RELEASE = "DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?"
            + " AND reference = ?";
    private static final String FIND = "SELECT request_hash, response_status, response_body, reference"
            + " FROM idempotency_keys WHERE user_id = ? AND idem_key = ?";

    private final Pool pool;

    public IdempotencyKeyStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records a key with the reference of the movement about to be made. When the key exists (or a concurrent
     * transaction holding it commits first) this fails with {@link KeyTaken} and the caller's transaction must roll
     * back.
     */
    public Uni<Void> insert(SqlConnection c, long userId, String key, String requestHash, String reference,
            LocalDateTime now) {
        return c.preparedQuery(INSERT).execute(Tuple.of(userId, key, requestHash, reference, now))
                .onFailure(Rows::isDuplicate).transform(e -> new KeyTaken()).replaceWithVoid();
    }

    /**
     * {@link #insert}, on condition that the caller's session is live (checked in the same statement, which also keeps
     * the session row from being ended until this transaction commits): false, with nothing written, when it is not.
     */
    public Uni<Boolean> insertIfLive(SqlConnection c, Caller who, String key, String requestHash, String reference,
            LocalDateTime now) {
        Tuple values = Tuple.of(who.userId(), key, requestHash, reference, now);
        Tuple live = SessionStore.liveParameters(who, now);
        for (int i = 0; i < live.size(); i++) {
            values.addValue(live.getValue(i));
        }
        return c.preparedQuery(INSERT_IF_LIVE).execute(values).onFailure(Rows::isDuplicate)
                .transform(e -> new KeyTaken()).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Turns the key this transaction inserted into the record of a refusal, with its answer: committed in place of the
     * movement, so no copy of the request can move money under the key after the first one was refused.
     */
    public Uni<Void> recordRefusal(SqlConnection c, long userId, String key, int status, String body) {
        return c.preparedQuery(REFUSED).execute(Tuple.of(status, body, userId, key)).replaceWithVoid();
    }

    /**
     * Records the keys of a batch of movements (distinct keys, each with its movement's reference) and answers which of
     * them this transaction holds: a key already recorded is left as it is (its batch member replays its answer after
     * the batch commits), the others are inserted exactly as {@link #insert} inserts one key, with plain multi-row
     * {@code INSERT}s. A key recorded by a request that commits between the read and the insert (on this node, or on
     * another node of a cluster, where certification decides at commit) fails the statement or the commit: the batch
     * then writes nothing and its members run alone, each meeting its key on the single path.
     */
    public Uni<Set<Claim>> claim(SqlConnection c, List<Claim> claims, LocalDateTime now) {
        // In key order, so that two batches inserting overlapping keys take their row locks in the same order.
        List<Claim> sorted = claims.stream().sorted(Comparator.comparingLong(Claim::userId).thenComparing(Claim::key))
                .toList();
        Set<String> recorded = new HashSet<>();
        return Rows.inChunks(c, sorted, n -> RECORDED + Rows.repeat(HOLDER, n, " OR "),
                (claim, values) -> values.addAll(List.of(claim.userId(), claim.key())), (chunk, rows) -> {
                    for (Row row : rows) {
                        recorded.add(row.getLong(0) + " " + row.getString(1));
                    }
                }).chain(() -> {
                    List<Claim> fresh = sorted.stream()
                            .filter(claim -> !recorded.contains(claim.userId() + " " + claim.key())).toList();
                    return Rows
                            .inChunks(c, fresh, n -> INTO + "VALUES " + Rows.repeat("(" + ROW + ")", n, ", "),
                                    (claim, values) -> values.addAll(List.of(claim.userId(), claim.key(),
                                            claim.requestHash(), claim.reference(), now)))
                            .onFailure(Rows::isDuplicate).transform(e -> new KeyTaken()).replaceWith(Set.copyOf(fresh));
                });
    }

    /** A batch member's key: recorded with the reference of its movement unless the key is already recorded. */
    public record Claim(long userId, String key, String requestHash, String reference) {
    }

    /** Deletes a key this transaction claimed for a movement it then left out (see {@link #claim}). */
    public Uni<Void> release(SqlConnection c, long userId, String key, String reference) {
        return c.preparedQuery(RELEASE).execute(Tuple.of(userId, key, reference)).replaceWithVoid();
    }

    /** The stored key, or null. */
    public Uni<StoredKey> find(long userId, String key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(userId, key)).map(rows -> first(rows,
                row -> new StoredKey(row.getString(0), row.getInteger(1), row.getString(2), row.getString(3))));
    }

    /**
     * A deadlock or lock-wait timeout: InnoDB chose this transaction to give way and rolled it back whole (duplicates
     * of one Idempotency-Key waiting on a first request that fails with a server error can end this way; a refusal
     * commits its key, so its duplicates replay it instead).
     */
    public static boolean isLockConflict(Throwable e) {
        return Rows.isLockConflict(e);
    }

    /**
     * A key as stored: its request's hash and either the reference of the movement it made or the refusal it got
     * (status and JSON body).
     */
    public record StoredKey(String requestHash, Integer status, String body, String reference) {
    }

    /** The Idempotency-Key is already recorded: this transaction must roll back and the stored answer be replayed. */
    public static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyTaken() {
            super("idempotency key already recorded", null, false, false);
        }
    }
}
