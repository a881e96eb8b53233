package com.ewallet.wallet;

/** Who moves money and from where: recorded on every ledger row the movement writes. */
public record Origin(long userId, Long appId, String ipAddress, String location, String userAgent,
        String remoteAddress) {
}
