package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Mutiny runs the service's callbacks as they are: no SmallRye context-propagation wrapper that captures and restores
 * contexts on every step (a quarter of the CPU of a wallet transfer; bench/README.md). Fails if the artifact comes back
 * (application.properties, quarkus.class-loading.removed-artifacts).
 */
@QuarkusTest
class MutinyCallbacksTest {

    @Test
    void callbacksAreNotWrappedForContextPropagation() {
        Runnable callback = () -> {
        };

        assertThat(Infrastructure.decorate(callback)).isSameAs(callback);
    }
}
