package com.ewallet.wallet.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

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
import com.ewallet.wallet.repository.AccountStore;
import com.ewallet.wallet.repository.LedgerStore;
import com.ewallet.wallet.repository.Parties;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The movements themselves, each on the connection of the one transaction {@link IdempotentExecutor} opened (and in
 * which it has already recorded the Idempotency-Key with the movement's {@code reference}): lock the account rows
 * (SELECT ... FOR UPDATE, in primary-key order when there are two), check, change the balances, write one ledger row
 * per balance change. Balances, ledger and key commit together or not at all.
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

    Uni<TransactionResult> run(SqlConnection c, String reference, Origin origin, MoneyMove move) {
        if (move instanceof MoneyMove.TopUp topUp) {
            return topUp(c, reference, origin, topUp.amount());
        }
        if (move instanceof MoneyMove.ToBank toBank) {
            return toBank(c, reference, origin, toBank.amount(), toBank.destination());
        }
        if (move instanceof MoneyMove.Vtu vtu) {
            return vtu(c, reference, origin, vtu);
        }
        if (move instanceof MoneyMove.ToWallet toWallet) {
            return accounts.resolveByNumber(c, origin.userId(), toWallet.accountNumber())
                    .flatMap(parties -> toWallet(c, reference, origin, toWallet.amount(), parties, "account",
                            MoneyErrors.rejected("UNKNOWN_ACCOUNT", "account", "no wallet has this account number")));
        }
        if (move instanceof MoneyMove.ToPhone toPhone) {
            return accounts.resolveByMobile(c, origin.userId(), toPhone.mobile()).flatMap(parties -> toWallet(c,
                    reference, origin, toPhone.amount(), parties, "mobile", MoneyErrors.unknownMobile()));
        }
        throw new IllegalArgumentException("unknown money move " + move.getClass().getSimpleName());
    }

    private Uni<TransactionResult> topUp(SqlConnection c, String reference, Origin origin, long amount) {
        return accounts.lockByUserId(c, origin.userId()).flatMap(account -> {
            MoneyErrors.requireAccount(account);
            tiers.checkCredit(account, amount, false);
            LedgerEntry entry = apply(account, amount, Direction.CREDIT, Activity.TOPUP, reference, null, origin);
            return ledger.insert(c, entry).call(() -> accounts.save(c, account)).replaceWith(result(entry));
        });
    }

    /** Debits the wallet now; the transfer stays PENDING until it is settled (see {@link #settle}). */
    private Uni<TransactionResult> toBank(SqlConnection c, String reference, Origin origin, long amount,
            BankDestination destination) {
        return accounts.lockByUserId(c, origin.userId()).flatMap(account -> {
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
            return ledger.insert(c, entry).call(() -> ledger.insertBankTransfer(c, transfer))
                    .call(() -> accounts.save(c, account)).replaceWith(result(entry));
        });
    }

    /**
     * Debits the wallet now and records the purchase PENDING; the provider is asked after this commits. Should this
     * replica stop before asking, the reconciler finds the purchase due a minute later and asks the provider about it.
     */
    private Uni<TransactionResult> vtu(SqlConnection c, String reference, Origin origin, MoneyMove.Vtu vtu) {
        return accounts.lockByUserId(c, origin.userId()).flatMap(account -> {
            MoneyErrors.requireAccount(account);
            tiers.debit(account, vtu.amount(), Clock.nowUtc().toLocalDate());
            LedgerEntry entry = apply(account, vtu.amount(), Direction.DEBIT, Activity.VTU, reference,
                    "vtu:" + vtu.provider() + ":" + vtu.mobile(), origin);
            VtuPurchase purchase = new VtuPurchase();
            purchase.reference = reference;
            purchase.requestId = VtuPurchase.requestId(reference, Instant.now());
            purchase.accountId = account.id;
            purchase.appId = origin.appId();
            purchase.provider = vtu.provider();
            purchase.mobile = vtu.mobile();
            purchase.amount = vtu.amount();
            purchase.status = VtuPurchase.PENDING;
            purchase.createdAt = entry.createdAt;
            purchase.nextCheckAt = entry.createdAt.plus(FIRST_VTU_CHECK);
            return ledger.insert(c, entry).call(() -> ledger.insertVtuPurchase(c, purchase))
                    .call(() -> accounts.save(c, account)).replaceWith(result(entry));
        });
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
     * To the payee resolved from the request field {@code field}: an unknown payee ({@code unknown}) and the payer's
     * own account are refused before any lock is taken.
     */
    private Uni<TransactionResult> toWallet(SqlConnection c, String reference, Origin origin, long amount,
            Parties parties, String field, ApiException unknown) {
        MoneyErrors.requireAccount(parties.payer());
        if (parties.payee() == null) {
            throw unknown;
        }
        if (parties.payee().id() == parties.payer().id()) {
            throw MoneyErrors.rejected("SAME_ACCOUNT", field, "cannot transfer to your own account");
        }
        return accounts.lockInIdOrder(c, parties.payer().id(), parties.payee().id()).flatMap(locked -> {
            // Ids were resolved before the locks (possibly from memory): the locked rows must be the request's.
            Account payer = locked.stream().filter(a -> a.id == parties.payer().id()).findFirst().orElse(null);
            Account payee = locked.stream().filter(a -> a.id == parties.payee().id()).findFirst().orElse(null);
            if (locked.size() != 2 || payer == null || payee == null || payer.userId != origin.userId()
                    || !payee.accountNumber.equals(parties.payee().accountNumber())) {
                throw new IllegalStateException("resolved accounts do not match the locked rows");
            }
            tiers.debit(payer, amount, Clock.nowUtc().toLocalDate());
            tiers.checkCredit(payee, amount, true);
            LedgerEntry debit = apply(payer, amount, Direction.DEBIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payee.accountNumber, origin);
            LedgerEntry credit = apply(payee, amount, Direction.CREDIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payer.accountNumber, origin.authorOnly());
            return ledger.insert(c, debit, credit).call(() -> accounts.save(c, payer, payee))
                    .replaceWith(result(debit));
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
