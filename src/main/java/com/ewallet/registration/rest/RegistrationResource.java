package com.ewallet.registration.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.ewallet.common.ClientAddress;
import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.registration.RegisteredUser;
import com.ewallet.registration.service.RegistrationService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
/** {@code POST /users}: a new user and their wallet account. */
public class RegistrationResource {

    private final RegistrationService registration;

    public RegistrationResource(RegistrationService registration) {
        this.registration = registration;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage(RegistrationService.REJECTED)
    @APIResponse(responseCode = "201", description = "The user and their wallet account", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisteredUser.class), example = Examples.REGISTERED))
    public Uni<Response> register(@Valid @NotNull RegistrationRequest body, HttpServerRequest request) {
        return Uninterruptible
                .run(() -> registration.register(body.email(), body.password(), body.name(), body.mobile(),
                        ClientAddress.of(request)))
                .map(user -> Response.status(Response.Status.CREATED).entity(user).build());
    }
}
