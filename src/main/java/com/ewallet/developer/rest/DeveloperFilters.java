package com.ewallet.developer.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.auth.service.AuthService;
import com.ewallet.common.ErrorBody;
import com.ewallet.developer.service.AppService;

import io.smallrye.mutiny.Uni;

/**
 * The developer API's gates, in order: the app key ({@link DeveloperApi}), then the wallet token issued to that same
 * app ({@link WalletTokenRequired}). Errors leave in the /v1 envelope.
 */
public class DeveloperFilters {

    static final String APP_KEY = "X-App-Key";
    static final String WALLET_TOKEN = "X-App-Wallet-Access-Token";

    private final AppService apps;
    private final AuthService auth;
    private final CurrentApp currentApp;
    private final CurrentCaller currentCaller;
    private final V1ErrorShape v1Errors;

    public DeveloperFilters(AppService apps, AuthService auth, CurrentApp currentApp, CurrentCaller currentCaller,
            V1ErrorShape v1Errors) {
        this.v1Errors = v1Errors;
        this.apps = apps;
        this.auth = auth;
        this.currentApp = currentApp;
        this.currentCaller = currentCaller;
    }

    @DeveloperApi
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> appKey(ContainerRequestContext request) {
        return apps.authenticate(request.getHeaderString(APP_KEY)).invoke(currentApp::set).replaceWith((Response) null);
    }

    @WalletTokenRequired
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<Response> walletToken(ContainerRequestContext request) {
        return auth.authenticateWallet(request.getHeaderString(WALLET_TOKEN), currentApp.get().id)
                .invoke(currentCaller::set).replaceWith((Response) null);
    }

    /** Every error under /v1, whatever made it (the endpoint, a filter, no matching route or method), enveloped. */
    @ServerResponseFilter
    public void envelope(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ErrorBody error && v1Errors.appliesTo(path(request))) {
            response.setEntity(v1Errors.wrap(error));
        }
    }

    private static String path(ContainerRequestContext request) {
        return "/" + request.getUriInfo().getPath().replaceFirst("^/+", "");
    }
}
