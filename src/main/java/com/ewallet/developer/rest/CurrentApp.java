package com.ewallet.developer.rest;

import jakarta.enterprise.context.RequestScoped;

import com.ewallet.developer.App;

/** The app that {@link DeveloperFilters} identified by its key for this request. */
@RequestScoped
public class CurrentApp {

    private App app;

    void set(App app) {
        this.app = app;
    }

    public App get() {
        if (app == null) {
            throw new IllegalStateException("endpoint is not behind @DeveloperApi");
        }
        return app;
    }
}
