package com.ewallet.wallet.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.BankTransfer;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.LedgerEntry.Activity;
import com.ewallet.wallet.LedgerEntry.Direction;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.MoneyMove;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.VtuPurchase;
import com.ewallet.wallet.VtuView;
import com.ewallet.wallet.repository.AccountRef;
import com.ewallet.wallet.repository.AccountStore;
import com.ewallet.wallet.repository.LedgerStore;
import com.ewallet.wallet.repository.Parties;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The movements themselves, each on the connection of the one transaction {@link IdempotentExecutor} (or, for a batch,
 * {@link MovementBatches}) opened (and in which it has already recorded the Idempotency-Key with the movement's
 * {@code reference}): lock the account rows (SELECT ... FOR UPDATE, in primary-key order when there are two), check,
 * change the balances, write one ledger row per balance change. Balances, ledger and key commit together or not at all.
 * <p>
 * Every check comes before the first write, so a refusal leaves the transaction without changes.
 */
@ApplicationScoped
class Movements {

    /** When a purchase nobody has asked the provider about yet is due for the reconciler. */
    static final Duration FIRST_VTU_CHECK = Duration.ofMinutes(1);

    private final AccountStore accounts;
    private final LedgerStore ledger;
    private final TierLimits tiers;

    Movements(AccountStore accounts, LedgerStore ledger, TierLimits tiers) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.tiers = tiers;
    }

    AccountStore accounts() {
        return accounts;
    }

    /** One movement alone, in its own transaction: resolve, lock, apply, write. */
    Uni<TransactionResult> run(SqlConnection c, String reference, Origin origin, MoneyMove move) {
        return run(c, reference, origin, move, null);
    }

    /** {@link #run}, with the transfer's parties already resolved (null: resolved here). */
    Uni<TransactionResult> run(SqlConnection c, String reference, Origin origin, MoneyMove move, Parties resolved) {
        if (!isTransfer(move)) {
            // One row: locked by its owner, no lookup first.
            return accounts.lockByUserId(c, origin.userId()).flatMap(account -> {
                MoneyErrors.requireAccount(account);
                Parties parties = new Parties(new AccountRef(account.id, account.userId, account.accountNumber), null);
                Effects effects = apply(reference, origin, move, parties, Map.of(account.id, account));
                return write(c, List.of(effects), List.of(account)).replaceWith(effects.result());
            });
        }
        Uni<Parties> resolving = resolved == null ? resolve(c, origin, move) : Uni.createFrom().item(resolved);
        return resolving.flatMap(parties -> {
            check(move, parties);
            return accounts.lockInIdOrder(c, parties.payer().id(), parties.payee().id()).flatMap(locked -> {
                Effects effects = apply(reference, origin, move, parties, byId(locked));
                return write(c, List.of(effects), locked).replaceWith(effects.result());
            });
        });
    }

    /** Whether the movement has a payee wallet (two rows to lock) rather than the caller's account alone. */
    static boolean isTransfer(MoneyMove move) {
        return move instanceof MoneyMove.ToWallet || move instanceof MoneyMove.ToPhone;
    }

    /**
     * Who the movement's accounts are (identities only, read without locks: the rows are checked once locked): the
     * caller's account, and for a transfer the payee's, from the account number or the verified mobile number.
     */
    Uni<Parties> resolve(SqlClient c, Origin origin, MoneyMove move) {
        if (move instanceof MoneyMove.ToWallet toWallet) {
            return accounts.resolveByNumber(c, origin.userId(), toWallet.accountNumber());
        }
        if (move instanceof MoneyMove.ToPhone toPhone) {
            return accounts.resolveByMobile(c, origin.userId(), toPhone.mobile());
        }
        return accounts.resolvePayer(c, origin.userId()).map(payer -> new Parties(payer, null));
    }

    /** What is refused before any lock: no account, an unknown payee, the payer's own account. */
    static void check(MoneyMove move, Parties parties) {
        MoneyErrors.requireAccount(parties.payer());
        if (!isTransfer(move)) {
            return;
        }
        String field = move instanceof MoneyMove.ToWallet ? "account" : "mobile";
        if (parties.payee() == null) {
            throw move instanceof MoneyMove.ToWallet
                    ? MoneyErrors.rejected("UNKNOWN_ACCOUNT", "account", "no wallet has this account number")
                    : MoneyErrors.unknownMobile();
        }
        if (parties.payee().id() == parties.payer().id()) {
            throw MoneyErrors.rejected("SAME_ACCOUNT", field, "cannot transfer to your own account");
        }
    }

    /**
     * Applies one movement to its locked account rows, in memory: checks the balance and limits, changes the balances
     * and works out the rows to write. A refusal (an {@link ApiException}) or any failure leaves the rows as they were,
     * so a batch can go on with its next movement.
     */
    Effects apply(String reference, Origin origin, MoneyMove move, Parties parties, Map<Long, Account> locked) {
        Account payer = locked.get(parties.payer().id());
        Account payee = parties.payee() == null ? null : locked.get(parties.payee().id());
        // Ids were resolved before the locks (possibly from memory): the locked rows must be the request's.
        if (payer == null || payer.userId != origin.userId() || parties.payee() != null
                && (payee == null || !payee.accountNumber.equals(parties.payee().accountNumber()))) {
            throw new IllegalStateException("resolved accounts do not match the locked rows");
        }
        Saved payerBefore = Saved.of(payer);
        Saved payeeBefore = payee == null ? null : Saved.of(payee);
        try {
            return applyTo(reference, origin, move, payer, payee);
        } catch (RuntimeException e) {
            payerBefore.restore(payer);
            if (payee != null) {
                payeeBefore.restore(payee);
            }
            throw e;
        }
    }

    private Effects applyTo(String reference, Origin origin, MoneyMove move, Account payer, Account payee) {
        LocalDate today = Clock.nowUtc().toLocalDate();
        if (move instanceof MoneyMove.TopUp) {
            tiers.checkCredit(payer, move.amount(), false);
            LedgerEntry entry = apply(payer, move.amount(), Direction.CREDIT, Activity.TOPUP, reference, null, origin);
            return new Effects(result(entry), List.of(entry), null, null);
        }
        if (move instanceof MoneyMove.ToBank toBank) {
            // Debits the wallet now; the transfer stays PENDING until it is settled (see settle).
            BankDestination destination = toBank.destination();
            tiers.debit(payer, move.amount(), today);
            LedgerEntry entry = apply(payer, move.amount(), Direction.DEBIT, Activity.BANK_TRANSFER, reference,
                    "bank:" + destination.bankCode(), origin);
            BankTransfer transfer = new BankTransfer();
            transfer.reference = reference;
            transfer.accountId = payer.id;
            transfer.appId = origin.appId();
            transfer.bankCode = destination.bankCode();
            transfer.beneficiaryName = destination.beneficiaryName();
            transfer.beneficiaryAccount = destination.beneficiaryAccount();
            transfer.amount = move.amount();
            transfer.status = BankTransfer.PENDING;
            transfer.createdAt = entry.createdAt;
            return new Effects(result(entry), List.of(entry), transfer, null);
        }
        if (move instanceof MoneyMove.Vtu vtu) {
            // Debits the wallet now and records the purchase PENDING; the provider is asked after this commits. Should
            // this replica stop before asking, the reconciler finds the purchase due a minute later and asks.
            tiers.debit(payer, vtu.amount(), today);
            LedgerEntry entry = apply(payer, vtu.amount(), Direction.DEBIT, Activity.VTU, reference,
                    "vtu:" + vtu.provider() + ":" + vtu.mobile(), origin);
            VtuPurchase purchase = new VtuPurchase();
            purchase.reference = reference;
            purchase.requestId = VtuPurchase.requestId(reference, Instant.now());
            purchase.accountId = payer.id;
            purchase.appId = origin.appId();
            purchase.provider = vtu.provider();
            purchase.mobile = vtu.mobile();
            purchase.amount = vtu.amount();
            purchase.status = VtuPurchase.PENDING;
            purchase.createdAt = entry.createdAt;
            purchase.nextCheckAt = entry.createdAt.plus(FIRST_VTU_CHECK);
            return new Effects(result(entry), List.of(entry), null, purchase);
        }
        if (payee == null) {
            throw new IllegalArgumentException("unknown money move " + move.getClass().getSimpleName());
        }
        tiers.debit(payer, move.amount(), today);
        tiers.checkCredit(payee, move.amount(), true);
        LedgerEntry debit = apply(payer, move.amount(), Direction.DEBIT, Activity.WALLET_TRANSFER, reference,
                "wallet:" + payee.accountNumber, origin);
        LedgerEntry credit = apply(payee, move.amount(), Direction.CREDIT, Activity.WALLET_TRANSFER, reference,
                "wallet:" + payer.accountNumber, origin.authorOnly());
        return new Effects(result(debit), List.of(debit, credit), null, null);
    }

    /**
     * Writes what movements applied in memory: their ledger rows, bank transfers and airtime purchases with multi-row
     * statements, then each changed account once.
     */
    Uni<Void> write(SqlConnection c, List<Effects> applied, List<Account> changed) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<BankTransfer> transfers = new ArrayList<>();
        List<VtuPurchase> purchases = new ArrayList<>();
        for (Effects effects : applied) {
            entries.addAll(effects.entries());
            if (effects.bank() != null) {
                transfers.add(effects.bank());
            }
            if (effects.vtu() != null) {
                purchases.add(effects.vtu());
            }
        }
        return ledger.insert(c, entries).call(() -> ledger.insertBankTransfers(c, transfers))
                .call(() -> ledger.insertVtuPurchases(c, purchases)).call(() -> accounts.save(c, changed));
    }

    static Map<Long, Account> byId(List<Account> locked) {
        Map<Long, Account> byId = new HashMap<>();
        locked.forEach(a -> byId.put(a.id, a));
        return byId;
    }

    /** What one movement writes and answers, worked out in memory against its locked account rows. */
    record Effects(TransactionResult result, List<LedgerEntry> entries, BankTransfer bank, VtuPurchase vtu) {
    }

    /** The account fields a movement changes, to put back when it is refused. */
    private record Saved(long balance, LocalDate dailyOutDay, long dailyOutTotal, LocalDateTime updatedAt) {
        static Saved of(Account a) {
            return new Saved(a.balance, a.dailyOutDay, a.dailyOutTotal, a.updatedAt);
        }

        void restore(Account a) {
            a.balance = balance;
            a.dailyOutDay = dailyOutDay;
            a.dailyOutTotal = dailyOutTotal;
            a.updatedAt = updatedAt;
        }
    }

    /**
     * Settles a pending airtime purchase with what the provider said: SUCCESS, or FAILED with the money returned by a
     * VTU_REFUND ledger row. A purchase already settled is left as it is (the request and the reconciler may both learn
     * the outcome); the purchase row is locked first.
     */
    Uni<VtuView> settleVtu(SqlConnection c, String reference, boolean success, String providerCode) {
        return ledger.lockVtuPurchase(c, reference).flatMap(purchase -> {
            if (purchase == null) {
                throw new IllegalStateException("no airtime purchase " + reference);
            }
            if (!VtuPurchase.PENDING.equals(purchase.status)) {
                return Uni.createFrom().item(VtuView.of(purchase));
            }
            purchase.settledAt = Clock.nowUtc();
            purchase.status = success ? VtuPurchase.SUCCESS : VtuPurchase.FAILED;
            purchase.providerCode = providerCode;
            Uni<Void> settled = ledger.saveVtuSettlement(c, purchase);
            if (success) {
                return settled.replaceWith(VtuView.of(purchase));
            }
            return settled.chain(() -> accounts.lockById(c, purchase.accountId)).flatMap(account -> {
                Origin system = new Origin(account.userId, purchase.appId, "0.0.0.0", "vtu settlement", null, null);
                LedgerEntry refund = apply(account, purchase.amount, Direction.CREDIT, Activity.VTU_REFUND,
                        purchase.reference, "vtu:" + purchase.provider + ":" + purchase.mobile, system);
                return ledger.insert(c, refund).call(() -> accounts.save(c, account)).replaceWith(VtuView.of(purchase));
            });
        });
    }

    /**
     * Settles a pending bank transfer: SUCCESS, or FAILED with the money returned to the wallet by a BANK_REFUND ledger
     * row. Settling twice is refused; the transfer row is locked first.
     */
    Uni<BankTransferView> settle(SqlConnection c, String reference, boolean success) {
        return ledger.lockBankTransfer(c, reference).flatMap(transfer -> {
            if (transfer == null) {
                throw new ApiException(404,
                        ErrorBody.of("no bank transfer with this reference.", "TRANSFER_NOT_FOUND"));
            }
            if (!BankTransfer.PENDING.equals(transfer.status)) {
                throw new ApiException(409, ErrorBody.of("bank transfer is already settled.", "ALREADY_SETTLED"));
            }
            transfer.settledAt = Clock.nowUtc();
            transfer.status = success ? BankTransfer.SUCCESS : BankTransfer.FAILED;
            Uni<Void> settled = ledger.saveSettlement(c, transfer);
            if (success) {
                return settled.replaceWith(BankTransferView.of(transfer));
            }
            return settled.chain(() -> accounts.lockById(c, transfer.accountId)).flatMap(account -> {
                Origin system = new Origin(account.userId, transfer.appId, "0.0.0.0", "bank settlement", null, null);
                LedgerEntry refund = apply(account, transfer.amount, Direction.CREDIT, Activity.BANK_REFUND,
                        transfer.reference, "bank:" + transfer.bankCode, system);
                return ledger.insert(c, refund).call(() -> accounts.save(c, account))
                        .replaceWith(BankTransferView.of(transfer));
            });
        });
    }

    private static LedgerEntry apply(Account account, long amount, Direction direction, Activity activity,
            String reference, String counterparty, Origin origin) {
        LocalDateTime now = Clock.nowUtc();
        LedgerEntry entry = new LedgerEntry();
        entry.accountId = account.id;
        entry.reference = reference;
        entry.activity = activity.name();
        entry.direction = direction.name();
        entry.amount = amount;
        entry.balanceBefore = account.balance;
        entry.balanceAfter = direction == Direction.CREDIT ? account.balance + amount : account.balance - amount;
        entry.counterparty = counterparty;
        entry.ipAddress = origin.ipAddress();
        entry.location = origin.location();
        entry.userAgent = origin.userAgent();
        entry.remoteAddress = origin.remoteAddress();
        entry.authorUserId = origin.userId();
        entry.appId = origin.appId();
        entry.createdAt = now;
        account.balance = entry.balanceAfter;
        account.updatedAt = now;
        return entry;
    }

    private static TransactionResult result(LedgerEntry entry) {
        return new TransactionResult(TransactionResult.SUCCESS, entry.reference, entry.activity, entry.amount,
                entry.balanceAfter, entry.counterparty);
    }
}
