package com.ewallet.auth;

/** The token pair of one login session, as set into the four cookies. */
public record LoginTokens(IssuedToken access, IssuedToken refresh) {
}
