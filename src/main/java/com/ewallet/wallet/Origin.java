package com.ewallet.wallet;

/** Who moves money and from where: recorded on every ledger row the movement writes. */
public record Origin(long userId, Long appId, String ipAddress, String location, String userAgent,
        String remoteAddress) {

    static final int USER_AGENT_MAX = 255;

    /**
     * Who, without the client's data: what the other side of a movement records (the payee's credit row names its
     * author, not the author's address, location or User-Agent).
     */
    public Origin authorOnly() {
        return new Origin(userId, appId, null, null, null, null);
    }

    /** The User-Agent as recorded: cut to the column's length rather than refused. */
    public static String userAgent(String header) {
        return header == null || header.length() <= USER_AGENT_MAX ? header : header.substring(0, USER_AGENT_MAX);
    }
}
