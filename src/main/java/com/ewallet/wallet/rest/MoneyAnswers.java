package com.ewallet.wallet.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.ewallet.common.Headers;
import com.ewallet.wallet.MoveResult;

/** How a money movement's answer leaves, on either channel: 200 with the channel's body, marked when replayed. */
public final class MoneyAnswers {

    private MoneyAnswers() {
    }

    public static Response ok(MoveResult result, Object body) {
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        return result.replayed() ? response.header(Headers.IDEMPOTENT_REPLAYED, "true").build() : response.build();
    }
}
