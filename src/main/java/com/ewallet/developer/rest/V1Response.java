package com.ewallet.developer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The developer API's envelope: {@code {"success": true, "data": ..., "message": ...}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1Response(boolean success, Object data, String message) {

    public static V1Response ok(Object data, String message) {
        return new V1Response(true, data, message);
    }
}
