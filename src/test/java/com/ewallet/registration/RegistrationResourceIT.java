package com.ewallet.registration;

import com.ewallet.it.IntegrationKeys;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RegistrationResourceTest}, black-box against the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
@QuarkusTestResource(ManagementPort.class)
class RegistrationResourceIT extends RegistrationResourceTest {
}
