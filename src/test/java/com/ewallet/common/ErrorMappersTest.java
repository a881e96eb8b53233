package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/** Failures that mean "the database went away" are 503 with Retry-After, never a 500. */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void aStatementOnAConnectionThatClosedUnderItIsUnavailableNotAnInternalError() {
        // What the Vert.x SQL client fails with when a transaction's connection died (seen when a Galera node was
        // killed under a money transaction).
        Response answer = mappers
                .unexpected(new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isNotNull();
    }

    @Test
    void anyOtherUnexpectedFailureIsStillAnInternalError() {
        assertThat(mappers.unexpected(new NoStackTraceThrowable("something else")).getStatus()).isEqualTo(500);
    }
}
