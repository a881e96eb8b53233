package com.ewallet.wallet;

/** A key this request holds while it moves money; completed inside the money transaction. */
public record IdempotencyClaim(long userId, String key, String claim) {
}
