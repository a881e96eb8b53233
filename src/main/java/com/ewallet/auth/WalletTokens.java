package com.ewallet.auth;

/** What a developer app receives for a wallet: a JWT access token and an opaque, rotating refresh token. */
public record WalletTokens(String accessToken, String refreshToken, long expiresIn) {
}
