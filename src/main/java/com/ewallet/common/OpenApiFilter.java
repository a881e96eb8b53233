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
 * Completes the generated API description with what is cross-cutting and so expressed outside the resources: the
 * cookies, CSRF and app headers that filters read, and the error answers every endpoint shares, each with its body
 * shape and an example (the /v1 endpoints get the developer envelope, the others the error body). Success answers and
 * their examples are annotated on each resource method, from the {@code Examples} class beside it.
 */
public class OpenApiFilter implements OASFilter {

    private static final Map<String, String> ERRORS = Map.of("400", "Invalid input; nothing changed", "401",
            "Missing, invalid, expired or revoked credentials", "404", "Not found", "409",
            "Conflict (already exists, already settled, Idempotency-Key in flight)", "422",
            "Idempotency-Key reused with a different body", "429", "Too many attempts; see Retry-After", "503",
            "A dependency (database, SMS gateway) is unavailable");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("ErrorBody", errorBody());
        openAPI.getComponents().addSchema("V1Error", v1Error());
        openAPI.getComponents().addSchema("EncryptedBody", encryptedBody());
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
                if (method == PathItem.HttpMethod.POST) {
                    acceptEncrypted(operation);
                }
            }
            addErrors(operation, developer);
        }));
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

    /** Every /v1 body may also come encrypted, as the Eyowo JavaScript SDK sends it. */
    private static void acceptEncrypted(Operation operation) {
        operation.addParameter(header("X-IV",
                "With an EncryptedBody: the IV, base64 (the SDK sends 16 random bytes as 32 hex digits)", false));
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        var json = operation.getRequestBody().getContent().getMediaType("application/json");
        if (json != null && json.getSchema() != null) {
            json.schema(OASFactory.createSchema()
                    .oneOf(List.of(json.getSchema(), OASFactory.createSchema().ref("EncryptedBody"))));
        }
    }

    private static Schema encryptedBody() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The request's JSON, encrypted with AES-CBC (PKCS#7 padding) under base64-decode(app"
                        + " secret) and the IV of the X-IV header, base64-encoded")
                .addProperty("authData", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("authData"));
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
