package com.ewallet.auth;

/**
 * The user behind an authenticated request, the session it came through, the user's role, and for the developer API the
 * app acting for the user (null for the user's own cookie session).
 */
public record Caller(long userId, String sessionId, String role, Long appId) {

    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
