package io.newsalert.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Where the repository's files are, and free ports. */
final class Paths {

    private Paths() {}

    /** The repository root: surefire sets {@code newsalert.root}; run from the module folder, it is "..". */
    static Path root() {
        return Path.of(System.getProperty("newsalert.root", "..")).toAbsolutePath().normalize();
    }

    static Path build() {
        return root().resolve("system-tests/target");
    }

    /** The Kafka version the build uses (root pom's kafka.version); compose and the image test run the same. */
    static String kafkaVersion() {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                    .matcher(java.nio.file.Files.readString(root().resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no <kafka.version> in " + root().resolve("pom.xml"));
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        }
    }
}
