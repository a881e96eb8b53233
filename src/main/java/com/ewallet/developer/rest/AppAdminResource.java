package com.ewallet.developer.rest;

import java.time.LocalDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import com.ewallet.auth.Caller;
import com.ewallet.auth.rest.AccessTokenRequired;
import com.ewallet.auth.rest.CurrentCaller;
import com.ewallet.common.Uninterruptible;
import com.ewallet.developer.App;
import com.ewallet.developer.service.AppService;

import io.smallrye.mutiny.Uni;

/** Admins create, list and revoke apps, logged in through the same cookies and CSRF as everyone. */
@Path("/api/admin/apps")
@AccessTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class AppAdminResource {

    private final AppService apps;
    private final CurrentCaller caller;

    public AppAdminResource(AppService apps, CurrentCaller caller) {
        this.apps = apps;
        this.caller = caller;
    }

    public record CreateAppRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "\\P{Cc}*", message = "must be printable text") String name) {
    }

    /**
     * An app as listed; {@code key} and {@code secret} are present only in the answer that created the app, and
     * {@code secret} in the answer that rotated it.
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record AppView(long id, String name, String key, String secret, LocalDateTime createdAt,
            LocalDateTime revokedAt) {
        static AppView of(App app) {
            return new AppView(app.id, app.name, null, null, app.createdAt, app.revokedAt);
        }

        static AppView of(AppService.Shown shown) {
            App app = shown.app();
            return new AppView(app.id, app.name, shown.key(), shown.secret(), app.createdAt, app.revokedAt);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The app, with its key shown only here", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppView.class), example = Examples.APP_CREATED))
    public Uni<Response> create(@Valid @NotNull CreateAppRequest body) {
        long adminId = admin().userId();
        return Uninterruptible.run(() -> apps.create(body.name(), adminId))
                .map(created -> Response.status(201).entity(AppView.of(created)).build());
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every app", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AppView.class), example = Examples.APPS))
    public Uni<java.util.List<AppView>> list() {
        admin();
        return Uninterruptible.run(apps::list).map(list -> list.stream().map(AppView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The revoked app", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppView.class), example = Examples.APP_REVOKED))
    public Uni<AppView> revoke(@RestPath long id) {
        admin();
        return Uninterruptible.run(() -> apps.revoke(id)).map(AppView::of);
    }

    @POST
    @Path("/{id}/secret")
    @APIResponse(responseCode = "200", description = "The app with its new secret, shown only here", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppView.class), example = Examples.SECRET_ROTATED))
    public Uni<AppView> rotateSecret(@RestPath long id) {
        admin();
        return Uninterruptible.run(() -> apps.rotateSecret(id)).map(AppView::of);
    }

    private Caller admin() {
        return caller.admin();
    }
}
