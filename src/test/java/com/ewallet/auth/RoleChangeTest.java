package com.ewallet.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.ewallet.TestClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 11, point 6: roles come from the database on every admin request and at every refresh, never from the token; a
 * role change by an admin ends all the user's sessions.
 */
@QuarkusTest
class RoleChangeTest {

    @Inject
    Pool pool;

    @Test
    void aDemotionInTheDatabaseStopsTheOldAccessTokenAndTheRefreshNeverReissuesAdmin() {
        // An operator promotes and later demotes by hand, as the reproduction did.
        TestClient admin = TestClient.registered();
        setRoleInDatabase(admin.id(), "admin");
        admin.login().then().statusCode(200);
        admin.authed().get("/api/admin/apps").then().statusCode(200);
        assertThat(roleClaim(admin.cookies.get("access_token_cookie"))).isEqualTo("admin");

        // Set back by hand: no session is ended, and the old token still says admin.
        setRoleInDatabase(admin.id(), "user");
        admin.authed().get("/api/admin/apps").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        admin.authed().contentType(ContentType.JSON).body(Map.of("name", "Not mine")).post("/api/admin/apps").then()
                .statusCode(403);

        Response refreshed = refresh(admin);
        refreshed.then().statusCode(200);
        admin.cookies.putAll(refreshed.getCookies());
        assertThat(roleClaim(admin.cookies.get("access_token_cookie"))).isEqualTo("user");
        assertThat(roleClaim(admin.cookies.get("refresh_token_cookie"))).isEqualTo("user");
        admin.authed().get("/api/admin/apps").then().statusCode(403);
    }

    @Test
    void aRoleChangeEndsEverySessionOfTheUser() {
        TestClient root = TestClient.admin();
        TestClient user = TestClient.registered();
        TestClient otherDevice = TestClient.loggedIn(user.email);

        setRole(root, user.id(), "admin").then().statusCode(200).body("id", equalTo(user.id())).body("role",
                equalTo("admin"));
        user.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        otherDevice.authed().get("/api/balance").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        refresh(user).then().statusCode(401);

        user.login().then().statusCode(200);
        user.authed().get("/api/admin/apps").then().statusCode(200);
        String refreshBeforeDemotion = user.cookies.get("refresh_token_cookie");

        setRole(root, user.id(), "user").then().statusCode(200).body("role", equalTo("user"));
        user.authed().get("/api/admin/apps").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        refresh(user).then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        assertThat(refreshBeforeDemotion).isNotNull();

        user.login().then().statusCode(200);
        user.authed().get("/api/admin/apps").then().statusCode(403);
        assertThat(roleClaim(user.cookies.get("access_token_cookie"))).isEqualTo("user");

        // Setting the role it already has changes nothing and ends nothing.
        setRole(root, user.id(), "user").then().statusCode(200).body("role", equalTo("user"));
        user.authed().get("/api/balance").then().statusCode(200);
    }

    @Test
    void onlyAdminsChangeRolesAndBadRequestsChangeNothing() {
        TestClient root = TestClient.admin();
        TestClient user = TestClient.registered();
        TestClient other = TestClient.registered();

        setRole(user, user.id(), "admin").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        setRole(user, other.id(), "admin").then().statusCode(403);
        given().cookie("access_token_cookie", user.cookies.get("access_token_cookie")).contentType(ContentType.JSON)
                .body(Map.of("role", "admin")).put("/api/admin/users/" + user.id() + "/role").then().statusCode(401)
                .body("code", equalTo("CSRF_MISSING"));
        setRole(root, user.id(), "root").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        root.authed().contentType(ContentType.JSON).body("{}").put("/api/admin/users/" + user.id() + "/role").then()
                .statusCode(400);
        setRole(root, "ZZZZZZZZZZZZ", "admin").then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
        root.authed().contentType(ContentType.JSON).body(Map.of("role", "admin")).put("/api/admin/users/abc/role")
                .then().statusCode(404);

        user.authed().get("/api/balance").then().statusCode(200);
        user.authed().get("/api/admin/apps").then().statusCode(403);
    }

    private void setRoleInDatabase(String publicId, String role) {
        pool.preparedQuery("UPDATE users SET role = ? WHERE public_id = ?").execute(Tuple.of(role, publicId)).await()
                .indefinitely();
    }

    private static Response setRole(TestClient admin, String userId, String role) {
        return admin.authed().contentType(ContentType.JSON).body(Map.of("role", role))
                .put("/api/admin/users/" + userId + "/role");
    }

    private static Response refresh(TestClient user) {
        return given().cookie("refresh_token_cookie", user.cookies.get("refresh_token_cookie"))
                .header("X-CSRF-TOKEN", user.csrfRefresh()).post("/token/refresh");
    }

    private static String roleClaim(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("role");
    }
}
