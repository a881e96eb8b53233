package com.ewallet.wallet;

import com.ewallet.it.IntegrationKeys;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotencyTest}, black-box against the packaged application. */
@QuarkusIntegrationTest
@QuarkusTestResource(IntegrationKeys.class)
class IdempotencyIT extends IdempotencyTest {
}
