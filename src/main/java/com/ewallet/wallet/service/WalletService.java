package com.ewallet.wallet.service;

import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.BankTransfer;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.LedgerEntry.Activity;
import com.ewallet.wallet.LedgerEntry.Direction;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.repository.AccountRef;
import com.ewallet.wallet.repository.MoneyStore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Every money movement, each run on the connection of one transaction that {@link IdempotentExecutor} opens (and in
 * which it has already recorded the Idempotency-Key with the movement's {@code reference}): lock the account rows
 * (SELECT ... FOR UPDATE, in primary-key order when there are two), check, change the balances, write one ledger row
 * per balance change. Balances, ledger and key commit together or not at all.
 * <p>
 * Every check comes before the first write, so a refusal leaves the transaction without changes.
 */
@ApplicationScoped
public class WalletService {

    private final MoneyStore store;
    private final WalletConfig.Money limits;
    private final TierLimits tiers;

    public WalletService(MoneyStore store, WalletConfig config, TierLimits tiers) {
        this.store = store;
        this.limits = config.money();
        this.tiers = tiers;
    }

    public Uni<TransactionResult> topUp(SqlConnection c, String reference, Origin origin, long amount) {
        checkAmount(amount);
        return store.lockByUserId(c, origin.userId()).flatMap(account -> {
            MoneyErrors.requireAccount(account);
            tiers.checkCredit(account, amount, false);
            LedgerEntry entry = apply(account, amount, Direction.CREDIT, Activity.TOPUP, reference, null, origin);
            return store.insertLedger(c, entry).call(() -> store.save(c, account)).replaceWith(result(entry));
        });
    }

    /** Debits the wallet now; the transfer stays PENDING until it is settled (see {@link #settle}). */
    public Uni<TransactionResult> transferToBank(SqlConnection c, String reference, Origin origin, long amount,
            BankDestination destination) {
        checkAmount(amount);
        return store.lockByUserId(c, origin.userId()).flatMap(account -> {
            MoneyErrors.requireAccount(account);
            tiers.debit(account, amount, Clock.nowUtc().toLocalDate());
            LedgerEntry entry = apply(account, amount, Direction.DEBIT, Activity.BANK_TRANSFER, reference,
                    "bank:" + destination.bankCode(), origin);
            BankTransfer transfer = new BankTransfer();
            transfer.reference = reference;
            transfer.accountId = account.id;
            transfer.appId = origin.appId();
            transfer.bankCode = destination.bankCode();
            transfer.beneficiaryName = destination.beneficiaryName();
            transfer.beneficiaryAccount = destination.beneficiaryAccount();
            transfer.amount = amount;
            transfer.status = BankTransfer.PENDING;
            transfer.createdAt = entry.createdAt;
            return store.insertLedger(c, entry).call(() -> store.insertBankTransfer(c, transfer))
                    .call(() -> store.save(c, account)).replaceWith(result(entry));
        });
    }

    public Uni<TransactionResult> transferToWallet(SqlConnection c, String reference, Origin origin, long amount,
            String accountNumber) {
        checkAmount(amount);
        return store.resolve(c, origin.userId(), accountNumber).flatMap(refs -> {
            AccountRef payer = refs.stream().filter(r -> r.userId() == origin.userId()).findFirst().orElse(null);
            AccountRef payee = refs.stream().filter(r -> r.userId() != origin.userId()).findFirst().orElse(null);
            MoneyErrors.requireAccount(payer);
            if (payee == null) {
                throw accountNumber.equals(payer.accountNumber())
                        ? MoneyErrors.rejected("SAME_ACCOUNT", "account", "cannot transfer to your own account")
                        : MoneyErrors.rejected("UNKNOWN_ACCOUNT", "account", "no wallet has this account number");
            }
            return store.lockInIdOrder(c, payer.id(), payee.id());
        }).flatMap(locked -> {
            // Ids were resolved before the locks (possibly from memory): the locked rows must be the request's.
            Account payer = locked.stream().filter(a -> a.userId == origin.userId()).findFirst().orElse(null);
            Account payee = locked.stream().filter(a -> accountNumber.equals(a.accountNumber)).findFirst().orElse(null);
            if (locked.size() != 2 || payer == null || payee == null || payer == payee) {
                throw new IllegalStateException("resolved accounts do not match the locked rows");
            }
            tiers.debit(payer, amount, Clock.nowUtc().toLocalDate());
            tiers.checkCredit(payee, amount, true);
            LedgerEntry debit = apply(payer, amount, Direction.DEBIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payee.accountNumber, origin);
            LedgerEntry credit = apply(payee, amount, Direction.CREDIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payer.accountNumber, origin);
            return store.insertLedger(c, debit, credit).call(() -> store.save(c, payer, payee))
                    .replaceWith(result(debit));
        });
    }

    /**
     * Settles a pending bank transfer: SUCCESS, or FAILED with the money returned to the wallet by a BANK_REFUND ledger
     * row. Settling twice is refused; the transfer row is locked first.
     */
    public Uni<BankTransferView> settle(String reference, boolean success) {
        return store.inTransaction(c -> store.lockBankTransfer(c, reference).flatMap(transfer -> {
            if (transfer == null) {
                throw new ApiException(404,
                        ErrorBody.of("no bank transfer with this reference.", "TRANSFER_NOT_FOUND"));
            }
            if (!BankTransfer.PENDING.equals(transfer.status)) {
                throw new ApiException(409, ErrorBody.of("bank transfer is already settled.", "ALREADY_SETTLED"));
            }
            transfer.settledAt = Clock.nowUtc();
            transfer.status = success ? BankTransfer.SUCCESS : BankTransfer.FAILED;
            Uni<Void> settled = store.saveSettlement(c, transfer);
            if (success) {
                return settled.replaceWith(BankTransferView.of(transfer));
            }
            return settled.chain(() -> store.lockById(c, transfer.accountId)).flatMap(account -> {
                Origin system = new Origin(account.userId, transfer.appId, "0.0.0.0", "bank settlement", null, null);
                LedgerEntry refund = apply(account, transfer.amount, Direction.CREDIT, Activity.BANK_REFUND,
                        transfer.reference, "bank:" + transfer.bankCode, system);
                return store.insertLedger(c, refund).call(() -> store.save(c, account))
                        .replaceWith(BankTransferView.of(transfer));
            });
        }));
    }

    /** Rejects an amount outside 1..{@code wallet.money.max-amount}; returns it otherwise. */
    public long checkAmount(long amount) {
        if (amount < 1 || amount > limits.maxAmount()) {
            throw MoneyErrors.amountOutOfRange(limits.maxAmount());
        }
        return amount;
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
