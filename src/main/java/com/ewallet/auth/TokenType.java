package com.ewallet.auth;

/** The {@code type} claim: an access token is never accepted where a refresh token is due, nor the reverse. */
public enum TokenType {
    ACCESS("access"), REFRESH("refresh"),
    /** The developer API's wallet access token (X-App-Wallet-Access-Token), bound to one app. */
    WALLET("wallet");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }
}
