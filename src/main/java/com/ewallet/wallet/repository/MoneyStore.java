package com.ewallet.wallet.repository;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.auth.Caller;
import com.ewallet.auth.service.SessionService;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.BankTransfer;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.TransactionResult;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;

/**
 * The SQL of every money movement, on the reactive pool directly. This is the hot path: measured under load (issue 5),
 * the same statements through Hibernate Reactive cost the service about twice the CPU per transfer. Every statement is
 * a prepared statement (cached per connection) and every method takes the connection of the caller's transaction, so a
 * movement is one transaction on one connection: lock, check, write, commit.
 */
@ApplicationScoped
public class MoneyStore {

    private static final String ACCOUNT_COLUMNS = "id, user_id, account_number, type, tier, balance, daily_out_day,"
            + " daily_out_total, created_at, updated_at";
    private static final String LOCK_BY_USER = "SELECT " + ACCOUNT_COLUMNS
            + " FROM accounts WHERE user_id = ? FOR UPDATE";
    private static final String LOCK_BY_ID = "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE";
    private static final String LOCK_TWO = "SELECT " + ACCOUNT_COLUMNS
            + " FROM accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE";
    private static final String RESOLVE = "SELECT id, user_id, account_number FROM accounts WHERE user_id = ?"
            + " UNION ALL SELECT id, user_id, account_number FROM accounts WHERE account_number = ?";
    private static final String SAVE_ACCOUNT = "UPDATE accounts SET balance = ?, daily_out_day = ?,"
            + " daily_out_total = ?, updated_at = ? WHERE id = ?";
    private static final String SAVE_TWO = "UPDATE accounts SET balance = CASE id WHEN ? THEN ? ELSE ? END,"
            + " daily_out_day = CASE id WHEN ? THEN ? ELSE ? END, daily_out_total = CASE id WHEN ? THEN ? ELSE ? END,"
            + " updated_at = ? WHERE id IN (?, ?)";
    private static final String LEDGER_INSERT = "INSERT INTO ledger_entries (account_id, reference, activity,"
            + " direction, amount, balance_before, balance_after, counterparty, ip_address, location, user_agent,"
            + " remote_address, author_user_id, app_id, created_at) VALUES ";
    private static final String LEDGER_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LEDGER_ONE = LEDGER_INSERT + LEDGER_ROW;
    private static final String LEDGER_TWO = LEDGER_INSERT + LEDGER_ROW + ", " + LEDGER_ROW;
    private static final String BANK_INSERT = "INSERT INTO bank_transfers (reference, account_id, app_id, bank_code,"
            + " beneficiary_name, beneficiary_account, amount, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BANK_LOCK = "SELECT id, reference, account_id, app_id, bank_code, beneficiary_name,"
            + " beneficiary_account, amount, status, created_at, settled_at FROM bank_transfers WHERE reference = ?"
            + " FOR UPDATE";
    private static final String BANK_SETTLE = "UPDATE bank_transfers SET status = ?, settled_at = ? WHERE id = ?";
    // A key as the movement's first row: done, answered by the ledger rows of its reference.
    private static final String KEY_INTO = "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, state,"
            + " claim, locked_until, response_status, response_body, reference, created_at) ";
    private static final String KEY_ROW = "?, ?, ?, 'DONE', '-', ?, 200, NULL, ?, ?";
    private static final String KEY_INSERT = KEY_INTO + "VALUES (" + KEY_ROW + ")";
    private static final String KEY_INSERT_IF_LIVE = KEY_INTO + "SELECT " + KEY_ROW + " " + SessionService.LIVE;
    // A shared lock, as INSERT ... SELECT takes: a logout waits for the session's movements in flight to commit.
    private static final String SESSION_LIVE = "SELECT 1 " + SessionService.LIVE + " LOCK IN SHARE MODE";
    private static final String KEY_REFUSED = "UPDATE idempotency_keys SET response_status = ?, response_body = ?,"
            + " reference = NULL WHERE user_id = ? AND idem_key = ?";
    private static final String KEY_FIND = "SELECT request_hash, state, response_status, response_body, locked_until,"
            + " reference FROM idempotency_keys WHERE user_id = ? AND idem_key = ?";
    private static final String MOVEMENT_OF = "SELECT l.reference, l.activity, l.amount, l.balance_after,"
            + " l.counterparty FROM ledger_entries l JOIN accounts a ON a.id = l.account_id"
            + " WHERE l.reference = ? AND a.user_id = ? AND l.activity <> 'BANK_REFUND'";
    private static final String KEY_DROP_STALE = "DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?"
            + " AND state = 'IN_FLIGHT' AND locked_until < ?";
    private static final int DUPLICATE_ENTRY = 1062;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;

    private final Pool pool;
    private final Cache<Long, AccountRef> accountOfUser;
    private final Cache<String, AccountRef> accountOfNumber;

    public MoneyStore(Pool pool, WalletConfig config) {
        this.pool = pool;
        int size = config.money().accountCacheSize();
        this.accountOfUser = Caffeine.newBuilder().maximumSize(size).build();
        this.accountOfNumber = Caffeine.newBuilder().maximumSize(size).build();
    }

    /** Runs {@code work} in one transaction: committed when its Uni succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    public Uni<Account> lockByUserId(SqlConnection c, long userId) {
        return c.preparedQuery(LOCK_BY_USER).execute(Tuple.of(userId)).map(rows -> first(rows, MoneyStore::account));
    }

    public Uni<Account> lockById(SqlConnection c, long id) {
        return c.preparedQuery(LOCK_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows, MoneyStore::account));
    }

    /** Locks two accounts in one statement, in primary-key order, so opposite transfers cannot deadlock. */
    public Uni<List<Account>> lockInIdOrder(SqlConnection c, long a, long b) {
        return c.preparedQuery(LOCK_TWO).execute(Tuple.of(a, b)).map(rows -> all(rows, MoneyStore::account));
    }

    /**
     * The user's account and the account with this number, as references only (ids never change, so reading them before
     * the locks is safe; the balances are read under the lock). An account's id, owner and number never change and an
     * account is never deleted, so both are remembered per replica and a warm wallet transfer skips this query; the
     * caller still checks the rows it locked against the request. Unknown numbers are not remembered.
     */
    public Uni<List<AccountRef>> resolve(SqlConnection c, long userId, String accountNumber) {
        AccountRef payer = accountOfUser.getIfPresent(userId);
        AccountRef payee = accountOfNumber.getIfPresent(accountNumber);
        if (payer != null && payee != null) {
            return Uni.createFrom().item(payer == payee ? List.of(payer) : List.of(payer, payee));
        }
        return c.preparedQuery(RESOLVE).execute(Tuple.of(userId, accountNumber)).map(rows -> {
            List<AccountRef> refs = all(rows, row -> new AccountRef(row.getLong(0), row.getLong(1), row.getString(2)));
            for (AccountRef ref : refs) {
                accountOfUser.put(ref.userId(), ref);
                accountOfNumber.put(ref.accountNumber(), ref);
            }
            return refs;
        });
    }

    /** Writes what a movement changes on a locked account: balance, today's outgoing total, update time. */
    public Uni<Void> save(SqlConnection c, Account account) {
        return c.preparedQuery(SAVE_ACCOUNT).execute(
                Tuple.of(account.balance, account.dailyOutDay, account.dailyOutTotal, account.updatedAt, account.id))
                .replaceWithVoid();
    }

    /** {@link #save} of both accounts of a wallet transfer in one statement: one round trip less under the locks. */
    public Uni<Void> save(SqlConnection c, Account a, Account b) {
        List<Object> values = new ArrayList<>(12);
        values.add(a.id);
        values.add(a.balance);
        values.add(b.balance);
        values.add(a.id);
        values.add(a.dailyOutDay);
        values.add(b.dailyOutDay);
        values.add(a.id);
        values.add(a.dailyOutTotal);
        values.add(b.dailyOutTotal);
        values.add(a.updatedAt);
        values.add(a.id);
        values.add(b.id);
        return c.preparedQuery(SAVE_TWO).execute(Tuple.from(values)).replaceWithVoid();
    }

    /** Inserts one or two ledger rows in one statement. */
    public Uni<Void> insertLedger(SqlConnection c, LedgerEntry... entries) {
        List<Object> values = new ArrayList<>(15 * entries.length);
        for (LedgerEntry e : entries) {
            values.addAll(List.of(e.accountId, e.reference, e.activity, e.direction, e.amount, e.balanceBefore,
                    e.balanceAfter));
            values.add(e.counterparty);
            values.add(e.ipAddress);
            values.add(e.location);
            values.add(e.userAgent);
            values.add(e.remoteAddress);
            values.add(e.authorUserId);
            values.add(e.appId);
            values.add(e.createdAt);
        }
        String sql = switch (entries.length) {
        case 1 -> LEDGER_ONE;
        case 2 -> LEDGER_TWO;
        default -> throw new IllegalArgumentException("a movement writes one or two ledger rows");
        };
        return c.preparedQuery(sql).execute(Tuple.from(values)).replaceWithVoid();
    }

    public Uni<Void> insertBankTransfer(SqlConnection c, BankTransfer t) {
        List<Object> values = new ArrayList<>(9);
        values.add(t.reference);
        values.add(t.accountId);
        values.add(t.appId);
        values.add(t.bankCode);
        values.add(t.beneficiaryName);
        values.add(t.beneficiaryAccount);
        values.add(t.amount);
        values.add(t.status);
        values.add(t.createdAt);
        return c.preparedQuery(BANK_INSERT).execute(Tuple.from(values)).replaceWithVoid();
    }

    public Uni<BankTransfer> lockBankTransfer(SqlConnection c, String reference) {
        return c.preparedQuery(BANK_LOCK).execute(Tuple.of(reference))
                .map(rows -> first(rows, MoneyStore::bankTransfer));
    }

    public Uni<Void> saveSettlement(SqlConnection c, BankTransfer t) {
        return c.preparedQuery(BANK_SETTLE).execute(Tuple.of(t.status, t.settledAt, t.id)).replaceWithVoid();
    }

    /**
     * Records a key with the reference of the movement about to be made, as the first statement of the money
     * transaction. When the key exists (or a concurrent transaction holding it commits first) this fails with
     * {@link KeyTaken} and the caller's transaction must roll back.
     */
    public Uni<Void> insertKey(SqlConnection c, long userId, String key, String requestHash, String reference,
            LocalDateTime now) {
        return c.preparedQuery(KEY_INSERT).execute(Tuple.of(userId, key, requestHash, now, reference, now))
                .onFailure(MoneyStore::isDuplicate).transform(e -> new KeyTaken()).replaceWithVoid();
    }

    /**
     * {@link #insertKey}, on condition that the caller's session is live (checked in the same statement, which also
     * keeps the session row from being ended until this transaction commits): false, with nothing written, when it is
     * not.
     */
    public Uni<Boolean> insertKeyIfLive(SqlConnection c, Caller who, String key, String requestHash, String reference,
            LocalDateTime now) {
        return c.preparedQuery(KEY_INSERT_IF_LIVE)
                .execute(Tuple.from(Arrays.asList(who.userId(), key, requestHash, now, reference, now, who.sessionId(),
                        who.userId(), who.appId(), now)))
                .onFailure(MoneyStore::isDuplicate).transform(e -> new KeyTaken()).map(rows -> rows.rowCount() == 1);
    }

    /** Whether the caller's session is live, read (and share-locked) on the transaction's connection. */
    public Uni<Boolean> sessionLive(SqlConnection c, Caller who, LocalDateTime now) {
        return c.preparedQuery(SESSION_LIVE).execute(Tuple.of(who.sessionId(), who.userId(), who.appId(), now))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Turns the key this transaction inserted into the record of a refusal, with its answer: committed in place of the
     * movement, so no copy of the request can move money under the key after the first one was refused.
     */
    public Uni<Void> recordRefusal(SqlConnection c, long userId, String key, int status, String body) {
        return c.preparedQuery(KEY_REFUSED).execute(Tuple.of(status, body, userId, key)).replaceWithVoid();
    }

    /** The stored key, or null. */
    public Uni<StoredKey> findKey(long userId, String key) {
        return pool.preparedQuery(KEY_FIND).execute(Tuple.of(userId, key))
                .map(rows -> first(rows, row -> new StoredKey(row.getString(0), row.getString(1), row.getInteger(2),
                        row.getString(3), row.getLocalDateTime(4), row.getString(5))));
    }

    /** The user's side of a committed movement (the debit of a transfer, the credit of a top-up), or null. */
    public Uni<TransactionResult> movement(long userId, String reference) {
        return pool.preparedQuery(MOVEMENT_OF).execute(Tuple.of(reference, userId))
                .map(rows -> first(rows, row -> new TransactionResult(TransactionResult.SUCCESS, row.getString(0),
                        row.getString(1), row.getLong(2), row.getLong(3), row.getString(4))));
    }

    /** Drops a key left in flight by an older version of the service that stopped before finishing. */
    public Uni<Integer> dropStaleKey(long userId, String key, LocalDateTime now) {
        return pool.preparedQuery(KEY_DROP_STALE).execute(Tuple.of(userId, key, now)).map(RowSet::rowCount);
    }

    /** An Idempotency-Key as stored: its request's hash, state and answer. */
    public record StoredKey(String requestHash, String state, Integer status, String body, LocalDateTime lockedUntil,
            String reference) {
    }

    /** The Idempotency-Key is already recorded: this transaction must roll back and the stored answer be replayed. */
    public static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyTaken() {
            super("idempotency key already recorded", null, false, false);
        }
    }

    private static boolean isDuplicate(Throwable e) {
        return e instanceof MySQLException m && m.getErrorCode() == DUPLICATE_ENTRY;
    }

    /**
     * A deadlock or lock-wait timeout: InnoDB chose this transaction to give way and rolled it back whole (duplicates
     * of one Idempotency-Key waiting on a first request that fails with a server error can end this way; a refusal
     * commits its key, so its duplicates replay it instead).
     */
    public static boolean isLockConflict(Throwable e) {
        return e instanceof MySQLException m && (m.getErrorCode() == DEADLOCK || m.getErrorCode() == LOCK_WAIT_TIMEOUT);
    }

    private static Account account(Row row) {
        Account a = new Account();
        a.id = row.getLong(0);
        a.userId = row.getLong(1);
        a.accountNumber = row.getString(2);
        a.type = row.getString(3);
        a.tier = row.getInteger(4);
        a.balance = row.getLong(5);
        a.dailyOutDay = row.getLocalDate(6);
        a.dailyOutTotal = row.getLong(7);
        a.createdAt = row.getLocalDateTime(8);
        a.updatedAt = row.getLocalDateTime(9);
        return a;
    }

    private static BankTransfer bankTransfer(Row row) {
        BankTransfer t = new BankTransfer();
        t.id = row.getLong(0);
        t.reference = row.getString(1);
        t.accountId = row.getLong(2);
        t.appId = row.getLong(3);
        t.bankCode = row.getString(4);
        t.beneficiaryName = row.getString(5);
        t.beneficiaryAccount = row.getString(6);
        t.amount = row.getLong(7);
        t.status = row.getString(8);
        t.createdAt = row.getLocalDateTime(9);
        t.settledAt = row.getLocalDateTime(10);
        return t;
    }

    private static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }
}
