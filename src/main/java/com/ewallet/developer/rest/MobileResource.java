package com.ewallet.developer.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.service.MobileVerification;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The step after {@code POST /users}: the logged-in user verifies their mobile number with an SMS passcode (the
 * developer API's passcodes, which live in this package). Only a verified number receives phone transfers and is known
 * to apps. A user whose number is not verified (or was taken by the account that verified it) may set another one.
 */
@Path("/api/users/mobile")
@AccessTokenRequired
@Produces(MediaType.APPLICATION_JSON)
@FailureMessage(MobileResource.REJECTED)
public class MobileResource {

    static final String REJECTED = "mobile verification failed.";

    private final MobileVerification verification;
    private final CurrentCaller caller;

    public MobileResource(MobileVerification verification, CurrentCaller caller) {
        this.verification = verification;
        this.caller = caller;
    }

    public record ChangeRequest(@NotBlank @Size(max = 32) String mobile) {
    }

    public record VerifyRequest(
            @NotBlank @Pattern(regexp = "[0-9]{4,8}", message = "must be the digits received by SMS") String passcode) {
    }

    @RegisterForReflection
    public record MobileAnswer(String msg, String mobile, boolean mobileVerified) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The user's new mobile, unverified until the passcode step", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MobileAnswer.class), example = Examples.MOBILE_CHANGED))
    public Uni<MobileAnswer> change(@Valid @NotNull ChangeRequest body) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> verification.change(userId, body.mobile()))
                .map(user -> new MobileAnswer("mobile changed.", user.mobile, false));
    }

    @POST
    @Path("/passcode")
    @APIResponse(responseCode = "200", description = "A passcode was sent to the user's mobile", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MobileAnswer.class), example = Examples.MOBILE_PASSCODE_SENT))
    public Uni<MobileAnswer> sendPasscode() {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> verification.sendPasscode(userId))
                .map(mobile -> new MobileAnswer("passcode sent.", mobile, false));
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The mobile is verified: the user's own from now on", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MobileAnswer.class), example = Examples.MOBILE_VERIFIED))
    public Uni<MobileAnswer> verify(@Valid @NotNull VerifyRequest body) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> verification.verify(userId, body.passcode()))
                .map(user -> new MobileAnswer("mobile verified.", user.mobile, true));
    }
}
