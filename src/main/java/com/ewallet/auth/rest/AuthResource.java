package com.ewallet.auth.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;

import com.ewallet.auth.service.AuthService;
import com.ewallet.common.ClientAddress;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Message;
import com.ewallet.common.Uninterruptible;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The seed's token endpoints: login, refresh, logout. */
@Path("/token")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AuthService auth;
    private final AuthCookies cookies;

    public AuthResource(AuthService auth, AuthCookies cookies) {
        this.auth = auth;
        this.cookies = cookies;
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 72) String password) {
    }

    @POST
    @Path("/auth")
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(AuthService.LOGIN_FAILED)
    @APIResponse(responseCode = "200", description = "Logged in: the four cookies are set", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.LOGGED_IN))
    public Uni<Response> login(@Valid @NotNull LoginRequest body, HttpServerRequest request) {
        return Uninterruptible.run(() -> auth.login(body.email(), body.password(), ClientAddress.of(request)))
                .map(tokens -> cookies.setAll(Response.ok(new Message("login success.")), tokens).build());
    }

    @POST
    @Path("/refresh")
    @APIResponse(responseCode = "200", description = "New access and refresh cookies", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.REFRESHED))
    public Uni<Response> refresh(@RestCookie(AuthCookies.REFRESH) String refreshToken,
            @RestHeader(AuthCookies.CSRF_HEADER) String csrf) {
        return Uninterruptible.run(() -> auth.refresh(refreshToken, csrf))
                .map(tokens -> cookies.setAll(Response.ok(new Message("token refreshed.")), tokens).build());
    }

    @POST
    @Path("/remove")
    @APIResponse(responseCode = "200", description = "The session ended and the cookies cleared", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.LOGGED_OUT))
    public Uni<Response> logout(@RestCookie(AuthCookies.CSRF_ACCESS) String csrfAccess,
            @RestCookie(AuthCookies.CSRF_REFRESH) String csrfRefresh,
            @RestCookie(AuthCookies.ACCESS) String accessToken, @RestCookie(AuthCookies.REFRESH) String refreshToken) {
        return Uninterruptible.run(() -> auth.logout(csrfAccess, csrfRefresh, accessToken, refreshToken))
                .map(done -> cookies.clearAll(Response.ok(new Message("logout success."))).build());
    }
}
