package com.ewallet.auth.rest;

import jakarta.enterprise.context.RequestScoped;

import com.ewallet.auth.Caller;
import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;

/** The caller that {@link AccessFilter} (or the developer API's filter) authenticated for this request. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller, whose session was found live before the endpoint ran. */
    public Caller get() {
        Caller known = forMove();
        if (!known.sessionConfirmed()) {
            throw new IllegalStateException("the session of an @AccessTokenForMove endpoint is confirmed by its move");
        }
        return known;
    }

    /**
     * The caller, who must be an admin by the database's word (read with the session): 403 {@code FORBIDDEN} otherwise.
     */
    public Caller admin() {
        Caller who = get();
        if (!who.isAdmin()) {
            throw new ApiException(403, ErrorBody.of("admin role required.", "FORBIDDEN"));
        }
        return who;
    }

    /** The caller of an {@link AccessTokenForMove} endpoint: its session is still to be checked by the money move. */
    public Caller forMove() {
        if (caller == null) {
            throw new IllegalStateException("endpoint is not behind @AccessTokenRequired or @AccessTokenForMove");
        }
        return caller;
    }
}
