package com.ewallet.auth;

/** A signed token with the CSRF value it carries and its lifetime in seconds (the cookies' Max-Age). */
public record IssuedToken(String jwt, String csrf, long maxAgeSeconds) {
}
