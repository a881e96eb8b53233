package com.ewallet.common;

import java.util.Map;

/**
 * A request that the service refuses on purpose: carries the HTTP status and the error body. Thrown (or failed into a
 * Uni) anywhere on a request path; {@link ErrorMappers} turns it into the response.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final ErrorBody body;
    private final long retryAfterSeconds;
    private final boolean replayed;

    public ApiException(int status, ErrorBody body) {
        this(status, body, 0, false);
    }

    private ApiException(int status, ErrorBody body, long retryAfterSeconds, boolean replayed) {
        super(body.code(), null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
        this.replayed = replayed;
    }

    /**
     * A refusal remembered under an Idempotency-Key, given again to a retry (sent with
     * {@link Headers#IDEMPOTENT_REPLAYED}).
     */
    public static ApiException replayed(int status, ErrorBody body) {
        return new ApiException(status, body, 0, true);
    }

    public boolean isReplayed() {
        return replayed;
    }

    /** 429 with the seconds after which trying again can succeed (sent as Retry-After). */
    public static ApiException tooMany(String msg, String code, long retryAfterSeconds) {
        return new ApiException(429, ErrorBody.of(msg, code), Math.max(1, retryAfterSeconds), false);
    }

    /** 503 with the seconds after which trying again can succeed (sent as Retry-After). */
    public static ApiException unavailable(long retryAfterSeconds) {
        return new ApiException(503, ErrorBody.of("service temporarily unavailable.", "UNAVAILABLE"),
                Math.max(1, retryAfterSeconds), false);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String msg, String code, String field, String reason) {
        return new ApiException(400, new ErrorBody(msg, code, Map.of(field, reason)));
    }

    public static ApiException of(int status, String msg, String code) {
        return new ApiException(status, ErrorBody.of(msg, code));
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return body;
    }
}
