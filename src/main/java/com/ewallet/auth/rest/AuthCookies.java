package com.ewallet.auth.rest;

import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import com.ewallet.auth.AuthConfig;
import com.ewallet.auth.IssuedToken;
import com.ewallet.auth.LoginTokens;

/**
 * The four cookies of flask-jwt-extended's cookie mode, as clients already expect them: the tokens HttpOnly on the
 * narrowest path that needs them, their CSRF values readable by scripts on every path.
 */
@Singleton
public class AuthCookies {

    public static final String ACCESS = "access_token_cookie";
    public static final String REFRESH = "refresh_token_cookie";
    public static final String CSRF_ACCESS = "csrf_access_token";
    public static final String CSRF_REFRESH = "csrf_refresh_token";
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";

    static final String SET_COOKIE = "Set-Cookie";
    static final String ACCESS_PATH = "/api/";
    static final String REFRESH_PATH = "/token/refresh";

    private final boolean secure;
    private final String sameSite;

    public AuthCookies(AuthConfig config) {
        this.secure = config.auth().cookieSecure();
        String sameSite = config.auth().cookieSameSite().toUpperCase(Locale.ROOT);
        if (!Set.of("STRICT", "LAX", "NONE").contains(sameSite)) {
            throw new IllegalStateException("wallet.auth.cookie-same-site must be STRICT, LAX or NONE");
        }
        this.sameSite = sameSite.charAt(0) + sameSite.substring(1).toLowerCase(Locale.ROOT);
    }

    public Response.ResponseBuilder setAll(Response.ResponseBuilder response, LoginTokens tokens) {
        return setAccess(response, tokens.access())
                .header(SET_COOKIE,
                        cookie(REFRESH, tokens.refresh().jwt(), REFRESH_PATH, true, tokens.refresh().maxAgeSeconds()))
                .header(SET_COOKIE,
                        cookie(CSRF_REFRESH, tokens.refresh().csrf(), "/", false, tokens.refresh().maxAgeSeconds()));
    }

    public Response.ResponseBuilder setAccess(Response.ResponseBuilder response, IssuedToken access) {
        return response.header(SET_COOKIE, cookie(ACCESS, access.jwt(), ACCESS_PATH, true, access.maxAgeSeconds()))
                .header(SET_COOKIE, cookie(CSRF_ACCESS, access.csrf(), "/", false, access.maxAgeSeconds()));
    }

    /** Same names and paths with Max-Age=0, so that the browser drops each of them. */
    public Response.ResponseBuilder clearAll(Response.ResponseBuilder response) {
        return response.header(SET_COOKIE, cookie(ACCESS, "", ACCESS_PATH, true, 0))
                .header(SET_COOKIE, cookie(REFRESH, "", REFRESH_PATH, true, 0))
                .header(SET_COOKIE, cookie(CSRF_ACCESS, "", "/", false, 0))
                .header(SET_COOKIE, cookie(CSRF_REFRESH, "", "/", false, 0));
    }

    // Written by hand: the JAX-RS cookie writer adds an obsolete "Version=1" attribute that the seed's
    // clients never saw. Values are JWTs and base64url, which need no quoting.
    private String cookie(String name, String value, String path, boolean httpOnly, long maxAge) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                .append("; Max-Age=").append(maxAge);
        if (httpOnly) {
            c.append("; HttpOnly");
        }
        if (secure) {
            c.append("; Secure");
        }
        return c.append("; SameSite=").append(sameSite).toString();
    }
}
