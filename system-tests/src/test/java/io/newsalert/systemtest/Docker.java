package io.newsalert.systemtest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers here; the Testcontainers tests skip with this reason where none does. */
final class Docker {

    private static Boolean available;

    private Docker() {}

    static synchronized void assumeEngine(String test) {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
        }
        String reason = "SKIPPED " + test + ": no Docker engine is reachable here (Testcontainers found none via"
                + " DOCKER_HOST, /var/run/docker.sock or its other strategies); run it where Docker runs";
        if (!available) {
            // In the build's output too, not only in the surefire report.
            System.out.println("[system-tests] " + reason);
        }
        assumeTrue(available, reason);
    }
}
