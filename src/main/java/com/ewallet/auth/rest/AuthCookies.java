package com.ewallet.auth.rest;

import java.util.Locale;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import com.ewallet.auth.IssuedToken;
import com.ewallet.auth.LoginTokens;
import com.ewallet.common.WalletConfig;

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

    static final String ACCESS_PATH = "/api/";
    static final String REFRESH_PATH = "/token/refresh";

    private final boolean secure;
    private final NewCookie.SameSite sameSite;

    public AuthCookies(WalletConfig config) {
        this.secure = config.auth().cookieSecure();
        this.sameSite = NewCookie.SameSite.valueOf(config.auth().cookieSameSite().toUpperCase(Locale.ROOT));
    }

    public Response.ResponseBuilder setAll(Response.ResponseBuilder response, LoginTokens tokens) {
        return setAccess(response, tokens.access()).cookie(
                cookie(REFRESH, tokens.refresh().jwt(), REFRESH_PATH, true, tokens.refresh().maxAgeSeconds()),
                cookie(CSRF_REFRESH, tokens.refresh().csrf(), "/", false, tokens.refresh().maxAgeSeconds()));
    }

    public Response.ResponseBuilder setAccess(Response.ResponseBuilder response, IssuedToken access) {
        return response.cookie(cookie(ACCESS, access.jwt(), ACCESS_PATH, true, access.maxAgeSeconds()),
                cookie(CSRF_ACCESS, access.csrf(), "/", false, access.maxAgeSeconds()));
    }

    /** Same names and paths with Max-Age=0, so that the browser drops each of them. */
    public Response.ResponseBuilder clearAll(Response.ResponseBuilder response) {
        return response.cookie(cookie(ACCESS, "", ACCESS_PATH, true, 0), cookie(REFRESH, "", REFRESH_PATH, true, 0),
                cookie(CSRF_ACCESS, "", "/", false, 0), cookie(CSRF_REFRESH, "", "/", false, 0));
    }

    private NewCookie cookie(String name, String value, String path, boolean httpOnly, long maxAge) {
        return new NewCookie.Builder(name).value(value).path(path).httpOnly(httpOnly).secure(secure).sameSite(sameSite)
                .maxAge((int) Math.min(maxAge, Integer.MAX_VALUE)).build();
    }
}
