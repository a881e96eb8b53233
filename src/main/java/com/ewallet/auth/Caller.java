package com.ewallet.auth;

/**
 * The user behind an authenticated request, the session it came through, the user's role, and for the developer API the
 * app acting for the user (null for the user's own cookie session). {@code sessionConfirmed} is false only on a money
 * endpoint whose session is confirmed by the money transaction itself (see
 * {@link com.ewallet.auth.rest.AccessTokenForMove}).
 */
public record Caller(long userId, String sessionId, String role, Long appId, boolean sessionConfirmed) {

    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
