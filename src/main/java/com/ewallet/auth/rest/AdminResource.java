package com.ewallet.auth.rest;

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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.RoleView;
import com.ewallet.auth.service.AdminService;
import com.ewallet.common.Uninterruptible;

import io.smallrye.mutiny.Uni;

/**
 * Who is an admin: the one-time bootstrap of the first admin, and role changes by admins. Cookie login and CSRF as
 * every state-changing {@code /api} request.
 */
@Path("/api/admin")
@AccessTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final AdminService admins;
    private final CurrentCaller caller;
    private final AuthCookies cookies;

    public AdminResource(AdminService admins, CurrentCaller caller, AuthCookies cookies) {
        this.admins = admins;
        this.caller = caller;
        this.cookies = cookies;
    }

    public record BootstrapRequest(@NotBlank @Size(max = 512) String secret) {
    }

    public record RoleRequest(@NotNull @Pattern(regexp = "admin|user", message = "must be admin or user") String role) {
    }

    /** The logged-in caller becomes the first admin; their sessions end (the cookies are cleared): log in again. */
    @POST
    @Path("/bootstrap")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The caller is the first admin; log in again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleView.class), example = Examples.ROLE_ADMIN))
    public Uni<Response> bootstrap(@Valid @NotNull BootstrapRequest body) {
        long userId = caller.get().userId();
        return Uninterruptible.run(() -> admins.bootstrap(userId, body.secret()))
                .map(role -> cookies.clearAll(Response.ok(role)).build());
    }

    /** Sets the role of the user whose public id is {@code id}; a change ends all the user's sessions. */
    @PUT
    @Path("/users/{id}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The user's role", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleView.class), example = Examples.ROLE_USER))
    public Uni<RoleView> changeRole(@RestPath String id, @Valid @NotNull RoleRequest body) {
        long adminId = caller.admin().userId();
        return Uninterruptible.run(() -> admins.changeRole(adminId, id, body.role()));
    }
}
