package com.ewallet.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Validates docker/kubernetes/*.yaml against the Kubernetes API schemas (npm kubernetes-models, run by Node). Skipped
 * only where Node.js is not installed; our machines and CI have it.
 */
class KubernetesManifestsTest {

    private static final File DIR = new File("docker/kubernetes/validate");

    @Test
    void theManifestsMatchTheKubernetesSchemas() throws Exception {
        assumeTrue(run(List.of("node", "--version")).exitCode == 0, "Node.js is not installed");
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        assertThat(install.exitCode).as(install.output).isZero();
        Result validate = run(List.of("node", "validate.mjs"));
        assertThat(validate.exitCode).as(validate.output).isZero();
        assertThat(validate.output).contains("4 manifests valid");
    }

    @Test
    void probesAndScrapingUseTheManagementPortWhichTheServiceLeavesOut() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        String deployment = Files.readString(Path.of("docker/kubernetes/deployment.yaml"));
        String service = Files.readString(Path.of("docker/kubernetes/service.yaml"));
        assertThat(properties).contains("quarkus.management.enabled=true",
                "quarkus.management.port=${MANAGEMENT_PORT:9000}");
        assertThat(deployment).contains("- name: management\n              containerPort: 9000",
                "prometheus.io/port: \"9000\"", "prometheus.io/path: /q/metrics");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String section = deployment.substring(deployment.indexOf(probe + ":"));
            section = section.substring(0, section.indexOf("Seconds"));
            assertThat(section).as(probe).contains("path: /q/health/", "port: management");
        }
        assertThat(service).contains("targetPort: http").doesNotContain("targetPort: management")
                .doesNotContain("port: 9000");
    }

    @Test
    void theDockerfilesPassTheLinter() throws Exception {
        assumeTrue(run(List.of("node", "--version")).exitCode == 0, "Node.js is not installed");
        assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")).exitCode).isZero();
        Result lint = run(List.of("npx", "--no-install", "dockerfilelint", "../../Dockerfile.jvm",
                "../../Dockerfile.native", "../../Dockerfile.native-build"));
        assertThat(lint.exitCode).as(lint.output).isZero();
        assertThat(lint.output).contains("Issues: None found");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return new Result(-1, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
