package com.ewallet.wallet.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.wallet.BalanceView;
import com.ewallet.wallet.BankTransferView;
import com.ewallet.wallet.HistoryPage;
import com.ewallet.wallet.LedgerEntry;
import com.ewallet.wallet.MoneyConfig;
import com.ewallet.wallet.MoneyErrors;
import com.ewallet.wallet.VtuView;
import com.ewallet.wallet.repository.AccountRepository;
import com.ewallet.wallet.repository.BankTransferRepository;
import com.ewallet.wallet.repository.LedgerRepository;
import com.ewallet.wallet.repository.VtuPurchaseRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Read-only views of a wallet: balance and the keyset-paged history. */
@ApplicationScoped
public class AccountQueryService {

    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final BankTransferRepository bankTransfers;
    private final MoneyConfig.History paging;
    private final VtuPurchaseRepository vtuPurchases;

    public AccountQueryService(AccountRepository accounts, LedgerRepository ledger,
            BankTransferRepository bankTransfers, VtuPurchaseRepository vtuPurchases, MoneyConfig config) {
        this.vtuPurchases = vtuPurchases;
        this.paging = config.history();
        this.accounts = accounts;
        this.ledger = ledger;
        this.bankTransfers = bankTransfers;
    }

    @WithSession
    public Uni<BalanceView> balance(long userId) {
        return accounts.findByUserId(userId).map(account -> BalanceView.of(MoneyErrors.requireAccount(account)));
    }

    /**
     * A page of the user's history, newest first: {@code limit} rows (1 to {@code wallet.history.max-limit}, default
     * {@code wallet.history.default-limit}) older than {@code cursor}, the previous page's {@code nextCursor}.
     */
    @WithSession
    public Uni<HistoryPage> history(long userId, String cursor, String limitParameter) {
        int limit = pageSize(limitParameter);
        long beforeId = decodeCursor(cursor);
        return accounts.findByUserId(userId)
                .flatMap(account -> ledger.page(MoneyErrors.requireAccount(account).id, beforeId, limit + 1))
                .map(rows -> page(rows, limit, userId));
    }

    /** An airtime purchase of this user's account, for follow-up. */
    @WithSession
    public Uni<VtuView> vtuPurchase(long userId, String reference) {
        return accounts.findByUserId(userId)
                .flatMap(account -> vtuPurchases.findOfAccount(reference, MoneyErrors.requireAccount(account).id))
                .map(purchase -> {
                    if (purchase == null) {
                        throw new ApiException(404,
                                ErrorBody.of("no airtime purchase with this reference.", "VTU_NOT_FOUND"));
                    }
                    return VtuView.of(purchase);
                });
    }

    /** A bank transfer of this user's account, for follow-up (requery). */
    @WithSession
    public Uni<BankTransferView> bankTransfer(long userId, String reference) {
        return accounts.findByUserId(userId)
                .flatMap(account -> bankTransfers.findOfAccount(reference, MoneyErrors.requireAccount(account).id))
                .map(transfer -> {
                    if (transfer == null) {
                        throw new ApiException(404,
                                ErrorBody.of("no bank transfer with this reference.", "TRANSFER_NOT_FOUND"));
                    }
                    return BankTransferView.of(transfer);
                });
    }

    private static HistoryPage page(List<LedgerEntry> rows, int limit, long viewerUserId) {
        boolean more = rows.size() > limit;
        List<LedgerEntry> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? encodeCursor(shown.get(shown.size() - 1).id) : null;
        return new HistoryPage(shown.stream().map(e -> HistoryPage.Row.of(e, viewerUserId)).toList(), next);
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    }

    private int pageSize(String limit) {
        if (limit == null) {
            return paging.defaultLimit();
        }
        int max = paging.maxLimit();
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid limit.", "INVALID_LIMIT", "limit",
                "must be a whole number from 1 to " + max);
    }

    static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid cursor.", "INVALID_CURSOR", "cursor",
                    "must be a nextCursor value returned by this endpoint");
        }
    }

}
