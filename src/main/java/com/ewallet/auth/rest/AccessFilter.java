package com.ewallet.auth.rest;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.ewallet.auth.service.AuthService;

import io.smallrye.mutiny.Uni;

/**
 * Guards {@link AccessTokenRequired} endpoints before their body is read: a valid access cookie, a live session (one
 * primary-key read), and on POST/PUT/PATCH/DELETE the matching {@code X-CSRF-TOKEN}. {@link AccessTokenForMove}
 * endpoints get the same checks but the session's, which their money transaction makes.
 */
public class AccessFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuthService auth;
    private final CurrentCaller current;

    public AccessFilter(AuthService auth, CurrentCaller current) {
        this.auth = auth;
        this.current = current;
    }

    @AccessTokenRequired
    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(AuthCookies.ACCESS);
        boolean stateChanging = !SAFE_METHODS.contains(request.getMethod());
        return auth
                .authenticate(cookie == null ? null : cookie.getValue(),
                        request.getHeaderString(AuthCookies.CSRF_HEADER), stateChanging)
                .invoke(current::set).replaceWith((Response) null);
    }

    @AccessTokenForMove
    @ServerRequestFilter
    public Uni<Response> authenticateForMove(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(AuthCookies.ACCESS);
        return auth
                .authenticateForMove(cookie == null ? null : cookie.getValue(),
                        request.getHeaderString(AuthCookies.CSRF_HEADER))
                .invoke(current::set).replaceWith((Response) null);
    }
}
