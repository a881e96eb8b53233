package com.ewallet.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a developer app receives for a wallet: a JWT access token and an opaque, rotating refresh token. */
@RegisterForReflection
public record WalletTokens(String accessToken, String refreshToken, long expiresIn) {
}
