package com.ewallet.developer.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The developer API's error envelope: {@code {"success": false, "error": "...", "errorCode": "..."}}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V1Error(boolean success, String error, String errorCode, Map<String, String> errors) {
}
