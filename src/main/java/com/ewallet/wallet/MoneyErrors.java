package com.ewallet.wallet;

import java.util.Map;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;

/** The 400 answers of the money endpoints: the seed's {@code "transaction failed."} with the reason. */
public final class MoneyErrors {

    public static final String FAILED = "transaction failed.";

    private MoneyErrors() {
    }

    public static ApiException rejected(String code, String field, String reason) {
        return ApiException.badRequest(FAILED, code, field, reason);
    }

    /**
     * No wallet user holds this mobile number verified: 404, as {@code validate} answers for it, so a number someone
     * merely typed in at registration looks exactly like one nobody has.
     */
    public static ApiException unknownMobile() {
        return new ApiException(404, new ErrorBody(FAILED, "UNKNOWN_MOBILE",
                Map.of("mobile", "no wallet user has this mobile number verified")));
    }

    public static ApiException insufficientFunds() {
        return rejected("INSUFFICIENT_FUNDS", "amount", "exceeds the available balance");
    }

    public static ApiException amountOutOfRange(long max) {
        return rejected("AMOUNT_OUT_OF_RANGE", "amount", "must be a whole number from 1 to " + max);
    }

    public static ApiException balanceLimit() {
        return rejected("BALANCE_LIMIT", "amount", "would take the balance over the account tier's maximum");
    }

    /** The account, or 404 when the user has none (cannot happen for a registered user). */
    public static <T> T requireAccount(T account) {
        if (account == null) {
            throw new ApiException(404, ErrorBody.of("no wallet account for this user.", "ACCOUNT_NOT_FOUND"));
        }
        return account;
    }

    public static ApiException dailyLimit() {
        return rejected("DAILY_LIMIT", "amount", "would exceed the account tier's daily outgoing limit");
    }

    public static ApiException recipientLimit() {
        return rejected("RECIPIENT_BALANCE_LIMIT", "account", "the recipient cannot receive this amount");
    }
}
