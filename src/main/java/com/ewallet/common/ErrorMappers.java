package com.ewallet.common;

import java.lang.annotation.Annotation;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * One narrow mapper per cause, all answering {@link ErrorBody}. Nothing here ever puts an exception class, a stack
 * trace or an internal message into a response.
 */
public class ErrorMappers {

    static final String GENERIC_MSG = "request rejected.";
    /** Retry-After of a 503 for a database that is away or aborted the transaction. */
    static final long RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response response = json(e.status(), e.body());
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().putSingle("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (e.isReplayed()) {
            response.getHeaders().putSingle(Headers.IDEMPOTENT_REPLAYED, "true");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, ResourceInfo resource) {
        Map<String, String> errors = e.getConstraintViolations().stream().collect(Collectors.toMap(ErrorMappers::field,
                ConstraintViolation::getMessage, (a, b) -> a, LinkedHashMap::new));
        return json(400, new ErrorBody(failureMessage(resource), "VALIDATION_FAILED", errors));
    }

    // Jackson's own mappers are registered for these exact types, so each is named here to win over them.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, ResourceInfo resource) {
        return malformed(e, resource);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, ResourceInfo resource) {
        return malformed(e, resource);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, ResourceInfo resource) {
        return malformed(e, resource);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            // Quarkus REST's JSON reader reports unreadable bodies (broken JSON, numbers beyond any range) so.
            return json(400, new ErrorBody(failureMessage(resource), "MALFORMED_REQUEST",
                    Map.of("body", "must be a well-formed JSON object with values in range")));
        }
        if (status >= 500) {
            Log.errorf(e, "request failed with %d", status);
            return json(status, ErrorBody.of("internal error.", "INTERNAL_ERROR"));
        }
        return json(status, ErrorBody.of(reasonMessage(status), reasonCode(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            Log.warnf("database unavailable: %s", e.getClass().getSimpleName());
            return apiException(ApiException.unavailable(RETRY_AFTER_SECONDS));
        }
        if (TransactionAborts.isTransient(e)) {
            // Aborted or timed out by the database, nothing written: a lock-wait timeout, or an abort TransactionRetry
            // did not see (a transaction nested in another one's session is retried, if at all, by the outer one).
            Log.warnf("transaction aborted by the database (error %d)", TransactionAborts.errorCode(e));
            return apiException(ApiException.unavailable(RETRY_AFTER_SECONDS));
        }
        Log.error("unexpected failure", e);
        return json(500, ErrorBody.of("internal error.", "INTERNAL_ERROR"));
    }

    private static Response malformed(JsonProcessingException e, ResourceInfo resource) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? m.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")) : "body";
        String reason = field.equals("body") ? "must be a well-formed JSON object" : "has the wrong type or range";
        return json(400, new ErrorBody(failureMessage(resource), "MALFORMED_REQUEST", Map.of(field, reason)));
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    static String failureMessage(ResourceInfo resource) {
        if (resource instanceof ResteasyReactiveResourceInfo info) {
            for (Annotation annotation : info.getAnnotations()) {
                if (annotation instanceof FailureMessage message) {
                    return message.value();
                }
            }
            FailureMessage onClass = info.getResourceClass().getAnnotation(FailureMessage.class);
            if (onClass != null) {
                return onClass.value();
            }
        }
        return GENERIC_MSG;
    }

    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
        }
        return last == null ? "body" : last;
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                // The pool's wait for a connection (quarkus.datasource.reactive.mysql.connection-timeout) ran out.
                return true;
            }
            if (t instanceof NoStackTraceThrowable && t.getMessage() != null
                    && t.getMessage().startsWith("Connection is not active now")) {
                // A statement on a connection that had closed under it (its database node killed, GaleraClusterIT):
                // never sent, and the database rolls back what the connection held. Unknown to the client: 503.
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String reasonCode(int status) {
        return switch (status) {
        case 400 -> "BAD_REQUEST";
        case 401 -> "UNAUTHORIZED";
        case 403 -> "FORBIDDEN";
        case 404 -> "NOT_FOUND";
        case 405 -> "METHOD_NOT_ALLOWED";
        case 406 -> "NOT_ACCEPTABLE";
        case 413 -> "PAYLOAD_TOO_LARGE";
        case 415 -> "UNSUPPORTED_MEDIA_TYPE";
        default -> "REJECTED";
        };
    }

    static String reasonMessage(int status) {
        return switch (status) {
        case 404 -> "not found.";
        case 405 -> "method not allowed.";
        case 406 -> "not acceptable.";
        case 413 -> "request too large.";
        case 415 -> "content type must be application/json.";
        default -> GENERIC_MSG;
        };
    }
}
