package com.ewallet.registration;

import com.ewallet.it.IntegrationKeys;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RegistrationResourceTest}, black-box against the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
class RegistrationResourceIT extends RegistrationResourceTest {
}
