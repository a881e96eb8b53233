package com.ewallet.user;

import com.ewallet.it.IntegrationKeys;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link UserResourceTest}, black-box against the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
class UserResourceIT extends UserResourceTest {
}
