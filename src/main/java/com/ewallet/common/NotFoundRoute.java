package com.ewallet.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/** Paths no endpoint serves answer 404 in the service's error shape rather than an empty or HTML page. */
@ApplicationScoped
public class NotFoundRoute {

    private static final String BODY = Json.encode(ErrorBody.of("not found.", "NOT_FOUND"));

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(
                ctx -> ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(BODY));
    }
}
