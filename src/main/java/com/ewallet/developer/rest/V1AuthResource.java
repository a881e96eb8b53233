package com.ewallet.developer.rest;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.auth.WalletTokens;
import com.ewallet.auth.service.SessionService;
import com.ewallet.common.ApiException;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.App;
import com.ewallet.developer.service.DeveloperUsers;
import com.ewallet.developer.service.OtpService;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;

/**
 * Validate a user by mobile, send and verify the SMS passcode, get a new wallet access token. Bodies come in any form
 * the Eyowo SDKs send ({@link V1Bodies}).
 */
@Path("/v1/users")
@DeveloperApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class V1AuthResource {

    private final DeveloperUsers users;
    private final OtpService otp;
    private final SessionService sessions;
    private final CurrentApp app;
    private final V1Bodies bodies;

    public V1AuthResource(DeveloperUsers users, OtpService otp, SessionService sessions, CurrentApp app,
            V1Bodies bodies) {
        this.users = users;
        this.otp = otp;
        this.sessions = sessions;
        this.app = app;
        this.bodies = bodies;
    }

    public record MobileRequest(@NotBlank @Size(max = 32) String mobile) {
    }

    public record AuthRequest(@NotBlank @Size(max = 32) String mobile,
            @NotBlank @Pattern(regexp = "sms", message = "must be sms") String factor,
            @Pattern(regexp = "[0-9]{4,8}", message = "must be the digits received by SMS") String passcode) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    /** Eyowo's {@code data.user}: the user's opaque public id, never the database key. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record UserRef(String id, String mobile) {
    }

    @POST
    @Path("/auth/validate")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MobileRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = MobileRequest.class)) })
    @APIResponse(responseCode = "200", description = "The wallet user with this mobile", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.VALIDATED))
    public Uni<V1Response> validate(byte[] body, @BeanParam V1Headers headers) throws JsonProcessingException {
        String mobile = users.normalise(bodies.read(body, headers, MobileRequest.class).mobile(), "mobile");
        return Uninterruptible.run(() -> users.byMobile(mobile)).map(user -> V1Response
                .ok(Map.of("user", new UserRef(user.publicId, user.mobile)), "Validation successful"));
    }

    @POST
    @Path("/auth")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = AuthRequest.class)) })
    @APIResponse(responseCode = "200", description = "Without passcode: the passcode was sent; with it: the wallet tokens", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.WALLET_ADDED))
    public Uni<V1Response> auth(byte[] body, @BeanParam V1Headers headers) throws JsonProcessingException {
        AuthRequest request = bodies.read(body, headers, AuthRequest.class);
        String mobile = users.normalise(request.mobile(), "mobile");
        App caller = app.get();
        if (request.passcode() == null) {
            return Uninterruptible.run(() -> users.forPasscodeLogin(mobile).flatMap(user -> otp.send(caller, user)))
                    .map(v -> V1Response.ok(null, "Please enter the passcode sent to " + mobile));
        }
        return Uninterruptible.run(() -> users.forPasscodeLogin(mobile).onFailure(ApiException.class)
                .transform(e -> OtpService.invalid()).flatMap(user -> otp.verify(caller, user, request.passcode())))
                .map(tokens -> V1Response.ok(tokens, "Wallet added successfully"));
    }

    @POST
    @Path("/accessToken")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class)),
            @Content(mediaType = V1Bodies.FORM, schema = @Schema(implementation = RefreshRequest.class)) })
    @APIResponse(responseCode = "200", description = "A new access token; the refresh token stays valid", content = @Content(mediaType = MediaType.APPLICATION_JSON, example = Examples.REFRESHED))
    public Uni<V1Response> refresh(byte[] body, @BeanParam V1Headers headers) throws JsonProcessingException {
        String refreshToken = bodies.read(body, headers, RefreshRequest.class).refreshToken();
        long appId = app.get().id;
        return Uninterruptible.run(() -> sessions.refreshWallet(refreshToken, appId)).map(outcome -> {
            WalletTokens tokens = outcome.orFail();
            return V1Response.ok(tokens, "Access token refreshed");
        });
    }
}
