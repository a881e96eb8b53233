package com.ewallet.auth;

import com.ewallet.user.User;

/**
 * The user behind an authenticated request, the session it came through, the user's role as the database has it when
 * the session was checked (never the token's; null until then), and for the developer API the app acting for the user
 * (null for the user's own cookie session). {@code sessionConfirmed} is false only on a money endpoint whose session is
 * confirmed by the money transaction itself (see {@link com.ewallet.auth.rest.AccessTokenForMove}).
 */
public record Caller(long userId, String sessionId, String role, Long appId, boolean sessionConfirmed) {

    /** An admin acting through their own cookie session (an app's wallet token never carries admin rights). */
    public boolean isAdmin() {
        return sessionConfirmed && appId == null && User.ROLE_ADMIN.equals(role);
    }
}
