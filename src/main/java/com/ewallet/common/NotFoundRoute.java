package com.ewallet.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers that Vert.x gives before any endpoint runs, in the service's error shape rather than empty or HTML: 404 for
 * paths no endpoint serves, 413 for bodies over {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class NotFoundRoute {

    private static final String BODY = Json.encode(ErrorBody.of("not found.", "NOT_FOUND"));
    private static final String TOO_LARGE = Json.encode(ErrorBody.of("request too large.", "PAYLOAD_TOO_LARGE"));

    private final long maxBody;

    public NotFoundRoute(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void register(@Observes Router router) {
        // Declared sizes are refused here, before anything reads the body.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > maxBody) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(TOO_LARGE);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(TOO_LARGE);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MAX_VALUE).handler(
                ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(BODY));
    }
}
