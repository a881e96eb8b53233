package com.ewallet.auth;

/** The user behind an authenticated request and the login session the request came through. */
public record Caller(long userId, String sessionId) {
}
