package com.ewallet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Money invariants read straight from the database the service writes to. */
public final class LedgerCheck {

    private LedgerCheck() {
    }

    /** Accounts whose balance differs from the sum of their ledger rows, or whose last row disagrees. */
    public static List<String> inconsistentAccounts(Pool pool) {
        List<String> bad = new ArrayList<>();
        for (Row row : pool.query("""
                SELECT a.id, a.balance,
                       COALESCE(SUM(CASE l.direction WHEN 'CREDIT' THEN l.amount ELSE -l.amount END), 0) AS net,
                       (SELECT l2.balance_after FROM ledger_entries l2 WHERE l2.account_id = a.id
                         ORDER BY l2.id DESC LIMIT 1) AS last_after
                FROM accounts a LEFT JOIN ledger_entries l ON l.account_id = a.id
                GROUP BY a.id, a.balance""").execute().await().atMost(Duration.ofSeconds(30))) {
            long balance = row.getLong("balance");
            long net = row.getNumeric("net").longValue();
            Long lastAfter = row.getLong("last_after");
            if (balance != net || (lastAfter != null && lastAfter != balance) || balance < 0) {
                bad.add("account " + row.getLong("id") + ": balance " + balance + ", ledger " + net);
            }
        }
        return bad;
    }

    /**
     * Top-ups minus money sent to banks and spent on airtime (not failed) minus the sum of all balances: zero when
     * nothing was lost or made.
     */
    public static long unexplainedMoney(Pool pool) {
        Row row = pool.query("""
                SELECT (SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE activity = 'TOPUP')
                     - (SELECT COALESCE(SUM(amount), 0) FROM bank_transfers WHERE status <> 'FAILED')
                     - (SELECT COALESCE(SUM(amount), 0) FROM vtu_purchases WHERE status <> 'FAILED')
                     - (SELECT COALESCE(SUM(balance), 0) FROM accounts) AS diff""").execute().await()
                .atMost(Duration.ofSeconds(30)).iterator().next();
        return row.getNumeric("diff").longValue();
    }

    public static long count(Pool pool, String table) {
        return pool.query("SELECT COUNT(*) AS n FROM " + table).execute().await().atMost(Duration.ofSeconds(30))
                .iterator().next().getLong("n");
    }
}
