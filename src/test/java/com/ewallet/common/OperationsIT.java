package com.ewallet.common;

import com.ewallet.it.IntegrationKeys;
import com.ewallet.it.ManagementPort;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsTest}, black-box against the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
@QuarkusTestResource(ManagementPort.class)
class OperationsIT extends OperationsTest {
}
