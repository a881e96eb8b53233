package com.ewallet.common;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request comes from, as rate limits per client see it: the peer of the TCP connection, or, when the
 * service runs behind a proxy named in {@code quarkus.http.proxy.trusted-proxies} (with
 * {@code proxy-address-forwarding} and {@code allow-x-forwarded} on), the first address of the X-Forwarded-For header
 * that proxy sets. A client connecting directly cannot choose it: Quarkus ignores forwarding headers from peers that
 * are not trusted proxies. See docs/security.md, Rate limits.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
