package com.ewallet.wallet.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.resteasy.reactive.RestHeader;

import com.ewallet.common.Headers;
import com.ewallet.common.IpAddress;
import com.ewallet.wallet.Origin;

import io.vertx.core.http.HttpServerRequest;

/** The headers every money request carries: where the client says it is, and its Idempotency-Key. */
public class ClientHeaders {

    @RestHeader("location")
    @NotBlank(message = "header is required")
    @Size(max = 100, message = "header must be at most 100 characters")
    @Pattern(regexp = "\\P{Cc}*", message = "header must be printable text")
    public String location;

    @RestHeader("ip-address")
    @NotBlank(message = "header is required")
    @IpAddress(message = "header must be an IPv4 or IPv6 address")
    public String ipAddress;

    @RestHeader(Headers.IDEMPOTENCY_KEY)
    @Size(min = 1, max = 255, message = "header must be 1 to 255 characters")
    @Pattern(regexp = "[\\x21-\\x7E]+", message = "header must be printable ASCII without spaces")
    public String idempotencyKey;

    @RestHeader("User-Agent")
    public String userAgent;

    public Origin origin(long userId, HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return new Origin(userId, null, ipAddress, location.strip(), Origin.userAgent(userAgent), remote);
    }
}
