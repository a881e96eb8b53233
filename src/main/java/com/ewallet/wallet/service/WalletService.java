package com.ewallet.wallet.service;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.Clock;
import com.ewallet.common.ErrorBody;
import com.ewallet.common.RandomIds;
import com.ewallet.common.WalletConfig;
import com.ewallet.wallet.Account;
import com.ewallet.wallet.BankDestination;
import com.ewallet.wallet.BankTransfer;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.IdempotencyClaim;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.LedgerEntry.Activity;
import com.ewallet.wallet.LedgerEntry.Direction;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.Origin;
import com.ewallet.wallet.TransactionResult;
import com.ewallet.wallet.repository.AccountRef;
import com.ewallet.wallet.repository.AccountRepository;
import com.ewallet.wallet.repository.BankTransferRepository;
import com.ewallet.wallet.repository.LedgerRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Every money movement. Each public method is one transaction: lock the account rows (SELECT ... FOR UPDATE, in
 * primary-key order when there are two), check, change the balances, write one ledger row per balance change, and
 * complete the Idempotency-Key, all committed together or not at all.
 */
@ApplicationScoped
public class WalletService {

    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final BankTransferRepository bankTransfers;
    private final IdempotencyService idempotency;
    private final ObjectMapper json;
    private final WalletConfig.Money limits;
    private final TierLimits tiers;

    public WalletService(AccountRepository accounts, LedgerRepository ledger, BankTransferRepository bankTransfers,
            IdempotencyService idempotency, ObjectMapper json, WalletConfig config, TierLimits tiers) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.bankTransfers = bankTransfers;
        this.idempotency = idempotency;
        this.json = json;
        this.limits = config.money();
        this.tiers = tiers;
    }

    @WithTransaction
    public Uni<TransactionResult> topUp(Origin origin, long amount, IdempotencyClaim claim) {
        checkAmount(amount);
        String reference = RandomIds.reference();
        return accounts.lockByUserId(origin.userId()).flatMap(account -> {
            MoneyErrors.requireAccount(account);
            tiers.checkCredit(account, amount, false);
            LedgerEntry entry = apply(account, amount, Direction.CREDIT, Activity.TOPUP, reference, null, origin);
            return ledger.persist(entry).flatMap(e -> finish(claim, result(entry)));
        });
    }

    /** Debits the wallet now; the transfer stays PENDING until it is settled (see {@link #settle}). */
    @WithTransaction
    public Uni<TransactionResult> transferToBank(Origin origin, long amount, BankDestination destination,
            IdempotencyClaim claim) {
        checkAmount(amount);
        String reference = RandomIds.reference();
        return accounts.lockByUserId(origin.userId()).flatMap(account -> {
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
            return ledger.persist(entry).flatMap(e -> bankTransfers.persist(transfer))
                    .flatMap(t -> finish(claim, result(entry)));
        });
    }

    @WithTransaction
    public Uni<TransactionResult> transferToWallet(Origin origin, long amount, String accountNumber,
            IdempotencyClaim claim) {
        checkAmount(amount);
        String reference = RandomIds.reference();
        return accounts.resolve(origin.userId(), accountNumber).flatMap(refs -> {
            AccountRef payer = refs.stream().filter(r -> r.userId() == origin.userId()).findFirst().orElse(null);
            AccountRef payee = refs.stream().filter(r -> r.userId() != origin.userId()).findFirst().orElse(null);
            MoneyErrors.requireAccount(payer);
            if (payee == null) {
                throw accountNumber.equals(payer.accountNumber())
                        ? MoneyErrors.rejected("SAME_ACCOUNT", "account", "cannot transfer to your own account")
                        : MoneyErrors.rejected("UNKNOWN_ACCOUNT", "account", "no wallet has this account number");
            }
            return accounts.lockInIdOrder(List.of(payer.id(), payee.id()));
        }).flatMap(locked -> {
            Account payer = locked.get(0).userId == origin.userId() ? locked.get(0) : locked.get(1);
            Account payee = payer == locked.get(0) ? locked.get(1) : locked.get(0);
            tiers.debit(payer, amount, Clock.nowUtc().toLocalDate());
            tiers.checkCredit(payee, amount, true);
            LedgerEntry debit = apply(payer, amount, Direction.DEBIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payee.accountNumber, origin);
            LedgerEntry credit = apply(payee, amount, Direction.CREDIT, Activity.WALLET_TRANSFER, reference,
                    "wallet:" + payer.accountNumber, origin);
            return ledger.persist(debit, credit).flatMap(v -> finish(claim, result(debit)));
        });
    }

    /**
     * Settles a pending bank transfer: SUCCESS, or FAILED with the money returned to the wallet by a BANK_REFUND ledger
     * row. Settling twice is refused; the transfer row is locked first.
     */
    @WithTransaction
    public Uni<BankTransferView> settle(String reference, boolean success) {
        return bankTransfers.lockByReference(reference).flatMap(transfer -> {
            if (transfer == null) {
                throw new ApiException(404,
                        ErrorBody.of("no bank transfer with this reference.", "TRANSFER_NOT_FOUND"));
            }
            if (!BankTransfer.PENDING.equals(transfer.status)) {
                throw new ApiException(409, ErrorBody.of("bank transfer is already settled.", "ALREADY_SETTLED"));
            }
            transfer.settledAt = Clock.nowUtc();
            if (success) {
                transfer.status = BankTransfer.SUCCESS;
                return Uni.createFrom().item(BankTransferView.of(transfer));
            }
            transfer.status = BankTransfer.FAILED;
            return accounts.lockInIdOrder(List.of(transfer.accountId)).flatMap(locked -> {
                Account account = locked.get(0);
                Origin system = new Origin(account.userId, transfer.appId, "0.0.0.0", "bank settlement", null, null);
                LedgerEntry refund = apply(account, transfer.amount, Direction.CREDIT, Activity.BANK_REFUND,
                        transfer.reference, "bank:" + transfer.bankCode, system);
                return ledger.persist(refund).replaceWith(BankTransferView.of(transfer));
            });
        });
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

    private Uni<TransactionResult> finish(IdempotencyClaim claim, TransactionResult result) {
        return idempotency.complete(claim, 200, toJson(result)).replaceWith(result);
    }

    String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response body", e);
        }
    }
}
