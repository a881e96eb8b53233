package com.ewallet.common;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error shape of the service: the seed's {@code msg}, a stable machine-readable {@code code} and, where
 * validation failed, one message per field.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String msg, String code, Map<String, String> errors) {

    public static ErrorBody of(String msg, String code) {
        return new ErrorBody(msg, code, null);
    }
}
