package com.ewallet.common;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers that Vert.x gives before any endpoint runs, in the service's error shape rather than empty or HTML (the
 * {@link ErrorShape} of the path where a feature has one): 404 for paths no endpoint serves, 413 for bodies over
 * {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class NotFoundRoute {

    private static final ErrorBody NOT_FOUND = ErrorBody.of("not found.", "NOT_FOUND");
    private static final ErrorBody TOO_LARGE = ErrorBody.of("request too large.", "PAYLOAD_TOO_LARGE");

    private final long maxBody;
    private final List<ErrorShape> shapes;

    public NotFoundRoute(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            Instance<ErrorShape> shapes) {
        this.maxBody = maxBody.asLongValue();
        this.shapes = shapes.stream().toList();
    }

    /** The error in the shape the path's clients expect. */
    private String body(String path, ErrorBody error) {
        return Json.encode(
                shapes.stream().filter(s -> s.appliesTo(path)).findFirst().map(s -> s.wrap(error)).orElse(error));
    }

    void register(@Observes Router router) {
        // Declared sizes are refused here, before anything reads the body.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > maxBody) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(body(ctx.request().path(), TOO_LARGE));
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .end(body(ctx.request().path(), TOO_LARGE));
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "application/json").end(body(ctx.request().path(), NOT_FOUND)));
    }
}
