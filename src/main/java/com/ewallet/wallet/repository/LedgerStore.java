package com.ewallet.wallet.repository;

import static com.ewallet.wallet.repository.Rows.first;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.wallet.BankTransfer;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.LedgerEntry.Activity;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.VtuPurchase;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a movement records: its ledger rows (append-only, one per balance change) and, for a bank transfer, its
 * {@code bank_transfers} row and settlement. Writes take the connection of the caller's money transaction.
 */
@ApplicationScoped
public class LedgerStore {

    private static final String LEDGER_INSERT = "INSERT INTO ledger_entries (account_id, reference, activity,"
            + " direction, amount, balance_before, balance_after, counterparty, ip_address, location, user_agent,"
            + " remote_address, author_user_id, app_id, created_at) VALUES ";
    private static final String LEDGER_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MOVEMENT_OF = "SELECT l.reference, l.activity, l.amount, l.balance_after,"
            + " l.counterparty FROM ledger_entries l JOIN accounts a ON a.id = l.account_id"
            + " WHERE l.reference = ? AND a.user_id = ? AND l.activity NOT IN ('" + Activity.BANK_REFUND + "', '"
            + Activity.VTU_REFUND + "')";
    private static final String BANK_INSERT = "INSERT INTO bank_transfers (reference, account_id, app_id, bank_code,"
            + " beneficiary_name, beneficiary_account, amount, status, created_at) VALUES ";
    private static final String BANK_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BANK_LOCK = "SELECT id, reference, account_id, app_id, bank_code, beneficiary_name,"
            + " beneficiary_account, amount, status, created_at, settled_at FROM bank_transfers WHERE reference = ?"
            + " FOR UPDATE";
    private static final String BANK_SETTLE = "UPDATE bank_transfers SET status = ?, settled_at = ? WHERE id = ?";
    private static final String VTU_INSERT = "INSERT INTO vtu_purchases (reference, request_id, account_id, app_id,"
            + " provider, mobile, amount, status, next_check_at, created_at) VALUES ";
    private static final String VTU_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VTU_LOCK = "SELECT id, reference, request_id, account_id, app_id, provider, mobile,"
            + " amount, status, provider_code, checks, next_check_at, created_at, settled_at FROM vtu_purchases"
            + " WHERE reference = ? FOR UPDATE";
    private static final String VTU_SETTLE = "UPDATE vtu_purchases SET status = ?, provider_code = ?, settled_at = ?"
            + " WHERE id = ?";

    private final Pool pool;

    public LedgerStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts ledger rows with multi-row statements (one for a movement's one or two rows). */
    public Uni<Void> insert(SqlConnection c, LedgerEntry... entries) {
        return insert(c, List.of(entries));
    }

    /** Inserts ledger rows with multi-row statements, in the order given. */
    public Uni<Void> insert(SqlConnection c, List<LedgerEntry> entries) {
        return Rows.inChunks(c, entries, n -> LEDGER_INSERT + Rows.repeat(LEDGER_ROW, n, ", "), (e, values) -> {
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
        });
    }

    /** The user's side of a committed movement (the debit of a transfer, the credit of a top-up), or null. */
    public Uni<TransactionResult> movement(long userId, String reference) {
        return pool.preparedQuery(MOVEMENT_OF).execute(Tuple.of(reference, userId))
                .map(rows -> first(rows, row -> new TransactionResult(TransactionResult.SUCCESS, row.getString(0),
                        row.getString(1), row.getLong(2), row.getLong(3), row.getString(4))));
    }

    /** Inserts bank transfer rows with multi-row statements. */
    public Uni<Void> insertBankTransfers(SqlConnection c, List<BankTransfer> transfers) {
        return Rows.inChunks(c, transfers, n -> BANK_INSERT + Rows.repeat(BANK_ROW, n, ", "), (t, values) -> {
            values.add(t.reference);
            values.add(t.accountId);
            values.add(t.appId);
            values.add(t.bankCode);
            values.add(t.beneficiaryName);
            values.add(t.beneficiaryAccount);
            values.add(t.amount);
            values.add(t.status);
            values.add(t.createdAt);
        });
    }

    public Uni<BankTransfer> lockBankTransfer(SqlConnection c, String reference) {
        return c.preparedQuery(BANK_LOCK).execute(Tuple.of(reference))
                .map(rows -> first(rows, LedgerStore::bankTransfer));
    }

    public Uni<Void> saveSettlement(SqlConnection c, BankTransfer t) {
        return c.preparedQuery(BANK_SETTLE).execute(Tuple.of(t.status, t.settledAt, t.id)).replaceWithVoid();
    }

    /** Inserts airtime purchase rows with multi-row statements. */
    public Uni<Void> insertVtuPurchases(SqlConnection c, List<VtuPurchase> purchases) {
        return Rows.inChunks(c, purchases, n -> VTU_INSERT + Rows.repeat(VTU_ROW, n, ", "), (p, values) -> {
            values.add(p.reference);
            values.add(p.requestId);
            values.add(p.accountId);
            values.add(p.appId);
            values.add(p.provider);
            values.add(p.mobile);
            values.add(p.amount);
            values.add(p.status);
            values.add(p.nextCheckAt);
            values.add(p.createdAt);
        });
    }

    public Uni<VtuPurchase> lockVtuPurchase(SqlConnection c, String reference) {
        return c.preparedQuery(VTU_LOCK).execute(Tuple.of(reference)).map(rows -> first(rows, LedgerStore::vtu));
    }

    public Uni<Void> saveVtuSettlement(SqlConnection c, VtuPurchase p) {
        return c.preparedQuery(VTU_SETTLE).execute(Tuple.of(p.status, p.providerCode, p.settledAt, p.id))
                .replaceWithVoid();
    }

    private static VtuPurchase vtu(Row row) {
        VtuPurchase p = new VtuPurchase();
        p.id = row.getLong(0);
        p.reference = row.getString(1);
        p.requestId = row.getString(2);
        p.accountId = row.getLong(3);
        p.appId = row.getLong(4);
        p.provider = row.getString(5);
        p.mobile = row.getString(6);
        p.amount = row.getLong(7);
        p.status = row.getString(8);
        p.providerCode = row.getString(9);
        p.checks = row.getInteger(10);
        p.nextCheckAt = row.getLocalDateTime(11);
        p.createdAt = row.getLocalDateTime(12);
        p.settledAt = row.getLocalDateTime(13);
        return p;
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
}
