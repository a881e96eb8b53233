package com.ewallet.developer.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.ewallet.common.ApiException;
import com.ewallet.common.ErrorBody;
import com.ewallet.developer.service.RequestCipher;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a /v1 request body in every form the published Eyowo SDKs send: plain JSON (Go, C#), form-urlencoded (PHP), and
 * JSON {@code {"authData"}} encrypted with the app's secret plus an {@code X-IV} header (JavaScript). An amount given
 * as a string of digits ({@code "1000"}, as C# and PHP send it) counts as that number; anything else stays a type
 * error. The result is validated like a JSON body at the endpoint would be.
 */
@ApplicationScoped
public class V1Bodies {

    static final String IV_HEADER = "X-IV";
    static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final ObjectMapper json;
    private final Validator validator;
    private final RequestCipher cipher;
    private final CurrentApp app;

    public V1Bodies(ObjectMapper json, Validator validator, RequestCipher cipher, CurrentApp app) {
        this.json = json;
        this.validator = validator;
        this.cipher = cipher;
        this.app = app;
    }

    public <T> T read(byte[] body, V1Headers headers, Class<T> type) throws JsonProcessingException {
        return read(body, headers.contentType, headers.iv, type);
    }

    <T> T read(byte[] body, String contentType, String iv, Class<T> type) throws JsonProcessingException {
        ObjectNode fields = fields(body == null ? new byte[0] : body, mediaType(contentType));
        JsonNode authData = fields.get("authData");
        if (authData != null) {
            if (!authData.isTextual()) {
                throw ApiException.badRequest("authData must be a string.", "AUTH_DATA_INVALID", "authData",
                        "must be base64 text");
            }
            fields = object(cipher.decrypt(app.get(), authData.asText(), iv), "AUTH_DATA_NOT_JSON");
        }
        JsonNode amount = fields.get("amount");
        if (amount != null && amount.isTextual() && DIGITS.matcher(amount.asText()).matches()) {
            fields.set("amount", LongNode.valueOf(Long.parseLong(amount.asText())));
        }
        T value = json.treeToValue(fields, type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    private ObjectNode fields(byte[] body, String mediaType) {
        if (mediaType.isEmpty() || mediaType.equals("application/json")) {
            return object(new String(body, StandardCharsets.UTF_8), "MALFORMED_REQUEST");
        }
        if (mediaType.equals(FORM)) {
            return form(new String(body, StandardCharsets.US_ASCII));
        }
        throw new ApiException(415,
                ErrorBody.of("content type must be application/json or application/x-www-form-urlencoded.",
                        "UNSUPPORTED_MEDIA_TYPE"));
    }

    private ObjectNode object(String text, String code) {
        try {
            if (json.readTree(text) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw ApiException.badRequest("request body must be a JSON object.", code, "body",
                "must be a well-formed JSON object");
    }

    private static ObjectNode form(String body) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.has(name)) {
                    throw ApiException.badRequest("a form field is repeated.", "MALFORMED_REQUEST", name,
                            "must appear once");
                }
                fields.put(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("request body is not a well-formed form.", "MALFORMED_REQUEST", "body",
                        "must be application/x-www-form-urlencoded");
            }
        }
        return fields;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
