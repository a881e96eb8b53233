package com.ewallet.developer.rest;

import java.util.Map;

import com.ewallet.common.ErrorBody;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The developer API's error envelope: {@code {"success": false, "error": "...", "errorCode": "...", "message": "..."}}
 * ({@code message} repeats {@code error}: the Eyowo SDKs read one or the other).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1Error(boolean success, String error, String errorCode, Map<String, String> errors, String message) {

    public static V1Error of(ErrorBody error) {
        return new V1Error(false, error.msg(), error.code(), error.errors(), error.msg());
    }
}
