package com.ewallet.common;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated API description with what the code expresses outside method signatures: the cookies, CSRF and
 * app headers that filters read, and the error answers every endpoint shares, each with its body shape and an example.
 * The /v1 endpoints get the developer envelope, the others the error body.
 */
public class OpenApiFilter implements OASFilter {

    private static final Map<String, String> ERRORS = Map.of("400", "Invalid input; nothing changed", "401",
            "Missing, invalid, expired or revoked credentials", "404", "Not found", "409",
            "Conflict (already exists, already settled, Idempotency-Key in flight)", "422",
            "Idempotency-Key reused with a different body", "429", "Too many attempts; see Retry-After", "503",
            "A dependency (database, SMS gateway) is unavailable");

    private static final Map<String, Object> TX = Map.of("msg", "transaction success.", "reference",
            "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "activity", "BANK_TRANSFER", "amount", 300, "balance", 700,
            "counterparty", "bank:bni");
    private static final Map<String, Object> TOKENS = Map.of("accessToken", "eyJhbGciOiJSUzI1NiJ9...", "refreshToken",
            "Hm9x...Q.kP2...", "expiresIn", 86400);
    private static final Map<String, Object> TRANSFER_VIEW = Map.of("reference", "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
            "status", "pending", "amount", 7000, "bankCode", "bri", "accountName", "Alice", "accountNumber",
            "1234567890", "createdAt", "2026-11-22T05:00:00");

    /** Success answers: status and example, by "method path". */
    private static final Map<String, Map.Entry<String, Object>> SUCCESS = Map.ofEntries(
            Map.entry("post /users",
                    Map.entry("201",
                            Map.of("msg", "registration success.", "id", 42, "email", "sari@example.com", "mobile",
                                    "6281234567890", "accountNumber", "7216128911", "type", "personal", "tier", 1))),
            Map.entry("post /token/auth", Map.entry("200", Map.of("msg", "login success."))),
            Map.entry("post /token/refresh", Map.entry("200", Map.of("msg", "token refreshed."))),
            Map.entry("post /token/remove", Map.entry("200", Map.of("msg", "logout success."))),
            Map.entry("post /api/topup",
                    Map.entry("200",
                            Map.of("msg", "transaction success.", "reference", "d7ddd6e97c08fb22731a62cb7083a014",
                                    "activity", "TOPUP", "amount", 1000, "balance", 1000))),
            Map.entry("post /api/transfer", Map.entry("200", TX)),
            Map.entry("get /api/balance",
                    Map.entry("200",
                            Map.of("accountNumber", "7216128911", "balance", 700, "type", "personal", "tier", 1))),
            Map.entry("get /api/transactions",
                    Map.entry("200",
                            Map.of("data", java.util.List.of(Map.of("reference", "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5",
                                    "activity", "BANK_TRANSFER", "direction", "DEBIT", "amount", 300, "balanceBefore",
                                    1000, "balanceAfter", 700, "counterparty", "bank:bni", "ipAddress", "10.0.0.1",
                                    "location", "Jakarta", "createdAt", "2026-11-22T05:00:00")), "nextCursor", "Mg"))),
            Map.entry("post /api/admin/apps",
                    Map.entry("201",
                            Map.of("id", 3, "name", "My app", "key", "ak_3q2...shown-once", "createdAt",
                                    "2026-11-22T05:00:00"))),
            Map.entry("get /api/admin/apps",
                    Map.entry("200",
                            java.util.List.of(Map.of("id", 3, "name", "My app", "createdAt", "2026-11-22T05:00:00")))),
            Map.entry("delete /api/admin/apps/{id}",
                    Map.entry("200",
                            Map.of("id", 3, "name", "My app", "createdAt", "2026-11-22T05:00:00", "revokedAt",
                                    "2026-11-23T09:00:00"))),
            Map.entry("post /api/admin/bank-transfers/{reference}/settle",
                    Map.entry("200",
                            Map.of("reference", "5f0c8a3e9b1d4c7fa2e6b0d9c8f7a6e5", "status", "success", "amount", 7000,
                                    "bankCode", "bri"))),
            Map.entry("post /v1/users/auth/validate", Map.entry("200",
                    Map.of("success", true, "data", Map.of("user", Map.of("id", "42", "mobile", "6281234567890")),
                            "message", "Validation successful"))),
            Map.entry("post /v1/users/auth",
                    Map.entry("200", Map.of("success", true, "data", TOKENS, "message", "Wallet added successfully"))),
            Map.entry("post /v1/users/accessToken",
                    Map.entry("200", Map.of("success", true, "data", TOKENS, "message", "Access token refreshed"))),
            Map.entry("get /v1/users/accounts",
                    Map.entry("200",
                            Map.of("success", true, "data",
                                    java.util.List.of(Map.of("accountNumber", "7216128911", "balance", 100000, "type",
                                            "personal", "tier", 1)),
                                    "message", "Accounts retrieved"))),
            Map.entry("get /v1/users/balance",
                    Map.entry("200",
                            Map.of("success", true, "data", Map.of("balance", 100000, "accountNumber", "7216128911"),
                                    "message", "Balance retrieved"))),
            Map.entry("get /v1/queries/banks",
                    Map.entry("200",
                            Map.of("success", true, "data", java.util.List.of(Map.of("bankCode", "bni", "name", "BNI")),
                                    "message", "Banks retrieved"))),
            Map.entry("post /v1/users/transfers/phone",
                    Map.entry("200", Map.of("success", true, "data", TX, "message", "Transfer successful"))),
            Map.entry("post /v1/users/transfers/bank",
                    Map.entry("200", Map.of("success", true, "data", TX, "message", "Transfer pending"))),
            Map.entry("get /v1/users/transfers/requery/bank/{reference}",
                    Map.entry("200", Map.of("success", true, "data", TRANSFER_VIEW, "message", "Transfer pending"))));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("ErrorBody", errorBody());
        openAPI.getComponents().addSchema("V1Error", v1Error());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            boolean developer = path.startsWith("/v1/");
            if (path.startsWith("/api/")) {
                operation.addParameter(cookie("access_token_cookie", "Access token, set by POST /token/auth"));
                if (method != PathItem.HttpMethod.GET) {
                    operation.addParameter(header("X-CSRF-TOKEN", "The csrf_access_token cookie's value", true));
                }
            }
            if (path.equals("/token/refresh")) {
                operation.addParameter(cookie("refresh_token_cookie", "Refresh token, set by POST /token/auth"));
                operation.addParameter(header("X-CSRF-TOKEN", "The csrf_refresh_token cookie's value", true));
            }
            if (developer) {
                operation.addParameter(header("X-App-Key", "The app's key, from POST /api/admin/apps", true));
                if (path.startsWith("/v1/users/") && !path.startsWith("/v1/users/auth")
                        && !path.equals("/v1/users/accessToken")) {
                    operation.addParameter(
                            header("X-App-Wallet-Access-Token", "Wallet access token from POST /v1/users/auth", true));
                }
            }
            addSuccess(operation, method.name().toLowerCase() + " " + path);
            addErrors(operation, developer);
        }));
    }

    private static void addSuccess(Operation operation, String route) {
        Map.Entry<String, Object> success = SUCCESS.get(route);
        if (success == null || operation.getResponses() == null) {
            return;
        }
        APIResponses responses = operation.getResponses();
        org.eclipse.microprofile.openapi.models.responses.APIResponse generated = responses.getAPIResponse("200");
        if (!success.getKey().equals("200") && generated != null) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse(success.getKey(), generated.description("Created"));
        }
        org.eclipse.microprofile.openapi.models.responses.APIResponse response = responses
                .getAPIResponse(success.getKey());
        if (response == null) {
            return;
        }
        if (response.getContent() == null) {
            response.content(OASFactory.createContent());
        }
        org.eclipse.microprofile.openapi.models.media.MediaType media = response.getContent()
                .getMediaType("application/json");
        if (media == null) {
            media = OASFactory.createMediaType();
            response.getContent().addMediaType("application/json", media);
        }
        media.example(success.getValue());
    }

    private static void addErrors(Operation operation, boolean developer) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        ERRORS.forEach((status, description) -> {
            if (responses.hasAPIResponse(status) && responses.getAPIResponse(status).getContent() != null) {
                return;
            }
            Object example = developer
                    ? Map.of("success", false, "error", description.toLowerCase() + ".", "errorCode", "EXAMPLE_CODE")
                    : Map.of("msg", description.toLowerCase() + ".", "code", "EXAMPLE_CODE");
            responses.addAPIResponse(status,
                    OASFactory.createAPIResponse().description(description)
                            .content(OASFactory.createContent().addMediaType("application/json",
                                    OASFactory.createMediaType()
                                            .schema(OASFactory.createSchema().ref(developer ? "V1Error" : "ErrorBody"))
                                            .example(example))));
        });
        operation.setResponses(responses);
    }

    private static Schema errorBody() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Every error outside /v1: the seed's msg, a stable code, field errors when input failed")
                .addProperty("msg", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors",
                        OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).additionalPropertiesSchema(
                                OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))))
                .example(Map.of("msg", "transaction failed.", "code", "INSUFFICIENT_FUNDS", "errors",
                        Map.of("amount", "exceeds the available balance")));
    }

    private static Schema v1Error() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).description("Every /v1 error")
                .addProperty("success", OASFactory.createSchema().type(List.of(Schema.SchemaType.BOOLEAN)))
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errorCode", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .example(Map.of("success", false, "error", "invalid or expired passcode; request a new one if needed.",
                        "errorCode", "PASSCODE_INVALID"));
    }

    private static Parameter cookie(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.COOKIE).required(true).description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    private static Parameter header(String name, String description, boolean required) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(required)
                .description(description).schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }
}
