package com.ewallet.auth.rest;

import jakarta.enterprise.context.RequestScoped;

import com.ewallet.auth.Caller;

/** The caller that {@link AccessFilter} authenticated for this request. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("endpoint is not behind @AccessTokenRequired");
        }
        return caller;
    }
}
