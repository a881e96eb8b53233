package com.ewallet.wallet.repository;

import static com.ewallet.wallet.repository.Rows.all;
import static com.ewallet.wallet.repository.Rows.first;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.Account;
import com.ewallet.wallet.MoneyConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Account rows on the money path: who is who, the row locks, and the balance writes. Every method takes the connection
 * of the caller's money transaction.
 */
@ApplicationScoped
public class AccountStore {

    private static final String COLUMNS = "id, user_id, account_number, type, tier, balance, daily_out_day,"
            + " daily_out_total, created_at, updated_at";
    private static final String LOCK_BY_USER = "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? FOR UPDATE";
    private static final String LOCK_BY_ID = "SELECT " + COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE";
    private static final String LOCK_IN = "SELECT " + COLUMNS + " FROM accounts WHERE id IN (";
    private static final String LOCK_IN_END = ") ORDER BY id FOR UPDATE";
    // Side 0 is the payer (the caller's account), side 1 the payee.
    private static final String PAYER = "SELECT 0, id, user_id, account_number FROM accounts WHERE user_id = ?";
    private static final String BY_NUMBER = PAYER
            + " UNION ALL SELECT 1, id, user_id, account_number FROM accounts WHERE account_number = ?";
    // Only a verified number is anyone's to be paid at: verified_mobile is NULL until then (and uniquely keyed).
    private static final String BY_MOBILE = PAYER + " UNION ALL SELECT 1, a.id, a.user_id, a.account_number"
            + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.verified_mobile = ?";
    private static final String SAVE_ONE = "UPDATE accounts SET balance = ?, daily_out_day = ?,"
            + " daily_out_total = ?, updated_at = ? WHERE id = ?";
    // Several accounts in one statement: each column set per id with CASE (one round trip under the locks).
    private static final String SAVE_CASE = " WHEN ? THEN ?";

    private final Cache<Long, AccountRef> accountOfUser;
    private final Cache<String, AccountRef> accountOfNumber;

    public AccountStore(MoneyConfig config) {
        int size = config.money().accountCacheSize();
        this.accountOfUser = Caffeine.newBuilder().maximumSize(size).build();
        this.accountOfNumber = Caffeine.newBuilder().maximumSize(size).build();
    }

    public Uni<Account> lockByUserId(SqlConnection c, long userId) {
        return c.preparedQuery(LOCK_BY_USER).execute(Tuple.of(userId)).map(rows -> first(rows, AccountStore::account));
    }

    public Uni<Account> lockById(SqlConnection c, long id) {
        return c.preparedQuery(LOCK_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows, AccountStore::account));
    }

    /** Locks two accounts in one statement, in primary-key order, so opposite transfers cannot deadlock. */
    public Uni<List<Account>> lockInIdOrder(SqlConnection c, long a, long b) {
        return lockInIdOrder(c, List.of(a, b));
    }

    /**
     * Locks accounts in one statement per power-of-two chunk of the ids, all in primary-key order (give them sorted),
     * so that any two transactions that lock this way cannot deadlock on accounts.
     */
    public Uni<List<Account>> lockInIdOrder(SqlConnection c, List<Long> sortedIds) {
        List<Account> locked = new ArrayList<>(sortedIds.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        int from = 0;
        for (int size : Rows.chunks(sortedIds.size())) {
            List<Long> chunk = sortedIds.subList(from, from + size);
            from += size;
            chain = chain.chain(() -> c.preparedQuery(LOCK_IN + Rows.repeat("?", chunk.size(), ", ") + LOCK_IN_END)
                    .execute(Tuple.from(List.<Object> copyOf(chunk)))
                    .invoke(rows -> locked.addAll(all(rows, AccountStore::account))).replaceWithVoid());
        }
        return chain.replaceWith(locked);
    }

    /**
     * The caller's account and the account with this number. An account's id, owner and number never change and an
     * account is never deleted, so both are remembered per replica and a warm wallet transfer skips this query; the
     * caller still checks the rows it locks against the request. Unknown numbers are not remembered.
     */
    public Uni<Parties> resolveByNumber(SqlClient c, long userId, String accountNumber) {
        AccountRef payer = accountOfUser.getIfPresent(userId);
        AccountRef payee = accountOfNumber.getIfPresent(accountNumber);
        if (payer != null && payee != null) {
            return Uni.createFrom().item(new Parties(payer, payee));
        }
        return c.preparedQuery(BY_NUMBER).execute(Tuple.of(userId, accountNumber)).map(this::parties);
    }

    /**
     * The caller's account and the account of the user who holds this mobile number verified, in one query; a number
     * held only unverified resolves to no payee, exactly as an unknown one.
     */
    public Uni<Parties> resolveByMobile(SqlClient c, long userId, String mobile) {
        return c.preparedQuery(BY_MOBILE).execute(Tuple.of(userId, mobile)).map(this::parties);
    }

    /** The caller's account alone (remembered like the payers of {@link #resolveByNumber}), or null. */
    public Uni<AccountRef> resolvePayer(SqlClient c, long userId) {
        AccountRef payer = accountOfUser.getIfPresent(userId);
        if (payer != null) {
            return Uni.createFrom().item(payer);
        }
        return c.preparedQuery(PAYER).execute(Tuple.of(userId)).map(rows -> parties(rows).payer());
    }

    /** Writes what a movement changes on a locked account: balance, today's outgoing total, update time. */
    public Uni<Void> save(SqlConnection c, Account account) {
        return c.preparedQuery(SAVE_ONE).execute(
                Tuple.of(account.balance, account.dailyOutDay, account.dailyOutTotal, account.updatedAt, account.id))
                .replaceWithVoid();
    }

    /**
     * {@link #save} of several accounts (both of a wallet transfer, or every account of a batch) with one statement per
     * power-of-two chunk: one round trip for two accounts.
     */
    public Uni<Void> save(SqlConnection c, List<Account> accounts) {
        if (accounts.size() == 1) {
            return save(c, accounts.get(0));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        int from = 0;
        for (int size : Rows.chunks(accounts.size())) {
            List<Account> chunk = accounts.subList(from, from + size);
            from += size;
            chain = chain.chain(() -> size == 1 ? save(c, chunk.get(0)) : saveMany(c, chunk));
        }
        return chain;
    }

    private Uni<Void> saveMany(SqlConnection c, List<Account> chunk) {
        String cases = Rows.repeat(SAVE_CASE, chunk.size(), "");
        String sql = "UPDATE accounts SET balance = CASE id" + cases + " END, daily_out_day = CASE id" + cases
                + " END, daily_out_total = CASE id" + cases + " END, updated_at = CASE id" + cases
                + " END WHERE id IN (" + Rows.repeat("?", chunk.size(), ", ") + ")";
        List<Object> values = new ArrayList<>(9 * chunk.size());
        chunk.forEach(a -> values.addAll(List.of(a.id, a.balance)));
        chunk.forEach(a -> {
            values.add(a.id);
            values.add(a.dailyOutDay);
        });
        chunk.forEach(a -> values.addAll(List.of(a.id, a.dailyOutTotal)));
        chunk.forEach(a -> values.addAll(List.of(a.id, a.updatedAt)));
        chunk.forEach(a -> values.add(a.id));
        return c.preparedQuery(sql).execute(Tuple.from(values)).replaceWithVoid();
    }

    private Parties parties(RowSet<Row> rows) {
        AccountRef payer = null;
        AccountRef payee = null;
        for (Row row : rows) {
            AccountRef ref = new AccountRef(row.getLong(1), row.getLong(2), row.getString(3));
            accountOfUser.put(ref.userId(), ref);
            accountOfNumber.put(ref.accountNumber(), ref);
            if (row.getInteger(0) == 0) {
                payer = ref;
            } else {
                payee = ref;
            }
        }
        return new Parties(payer, payee);
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
}
