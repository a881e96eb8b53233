package com.ewallet.developer.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.resteasy.reactive.RestHeader;

import com.ewallet.common.Headers;

/** The headers of a /v1 money request: how its body is encoded, its Idempotency-Key, and the client. */
public class V1Headers {

    @RestHeader("Content-Type")
    public String contentType;

    /** With an encrypted body: its IV (see {@link V1Bodies}). */
    @RestHeader(V1Bodies.IV_HEADER)
    public String iv;

    @RestHeader(Headers.IDEMPOTENCY_KEY)
    @Size(min = 1, max = 255, message = "header must be 1 to 255 characters")
    @Pattern(regexp = "[\\x21-\\x7E]+", message = "header must be printable ASCII without spaces")
    public String idempotencyKey;

    @RestHeader("User-Agent")
    public String userAgent;
}
