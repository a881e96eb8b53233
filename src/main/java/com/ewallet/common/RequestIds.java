package com.ewallet.common;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * Every request carries an {@code X-Request-Id}: the caller's when it is sane, a new one otherwise. It is echoed on the
 * response and printed by the access log line, so one id ties client, log and trace together.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || !SANE.matcher(id).matches()) {
                id = RandomIds.token();
                ctx.request().headers().set(HEADER, id);
            }
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }
}
