package com.ewallet.user.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.ewallet.common.FailureMessage;
import com.ewallet.common.Uninterruptible;
import com.ewallet.user.service.UserService;

import io.smallrye.mutiny.Uni;

@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @FailureMessage("registration failed.")
    public Uni<Response> register(@Valid @NotNull RegistrationRequest body) {
        return Uninterruptible.run(() -> users.register(body))
                .map(user -> Response.status(Response.Status.CREATED).entity(user).build());
    }
}
