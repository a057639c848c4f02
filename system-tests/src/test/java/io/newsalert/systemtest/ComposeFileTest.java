package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsalert.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, Prometheus' scrape config and Grafana's provisioning checked against the
 * code: the topics Compose creates are the ones {@link Topics#ALL} defines, every container has a
 * healthcheck and waits for its dependencies to be healthy, Prometheus scrapes what Compose runs,
 * and Grafana's data source is the one the dashboard names. These run everywhere, Docker or not.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Paths.root().resolve("docker-compose.yml");
    private static final List<String> SERVICES = List.of("ingest-service", "enrich-service", "alert-service");
    private static final Map<String, Integer> PORTS = Map.of("ingest-service", 8081, "enrich-service", 8082, "alert-service", 8083);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static Map<String, Object> services() throws IOException {
        return map(yaml(COMPOSE).get("services"));
    }

    @Test
    void createsExactlyTheTopicsOfTheCodeWithTheirPartitionsAndCompaction() throws IOException {
        Object command = map(services().get("kafka-topics")).get("command");
        String script = command instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf).toList()) : String.valueOf(command);
        Map<String, String> created = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(\\d+)\\s+(compact|delete)\\s*$").matcher(script);
        while (m.find()) {
            created.put(m.group(1), m.group(2) + " " + m.group(3));
        }
        Map<String, String> expected = new TreeMap<>();
        for (Topics.Definition d : Topics.ALL) {
            expected.put(d.name(), d.partitions() + " " + (d.compacted() ? "compact" : "delete"));
        }
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void runsTheKafkaVersionTheBuildUsesFromTheOfficialImageInKRaftMode() throws IOException {
        String pom = Files.readString(Paths.root().resolve("pom.xml"));
        Matcher v = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(v.find()).isTrue();
        Map<String, Object> kafka = map(services().get("kafka"));
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:" + v.group(1));
        assertThat(map(kafka.get("environment")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(map(services().get("kafka-topics")).get("image")).isEqualTo(kafka.get("image"));
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndEveryDependencyWaitsForHealth() throws IOException {
        List<String> problems = new ArrayList<>();
        services().forEach((name, def) -> {
            Map<String, Object> service = map(def);
            boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
            if (!oneShot && !map(service.get("healthcheck")).containsKey("test")) {
                problems.add(name + " has no healthcheck");
            }
            map(service.get("depends_on")).forEach((dep, cond) -> {
                String condition = String.valueOf(map(cond).get("condition"));
                boolean depOneShot = "no".equals(String.valueOf(map(services0().get(dep)).get("restart")));
                String expected = depOneShot ? "service_completed_successfully" : "service_healthy";
                if (!expected.equals(condition)) {
                    problems.add(name + " depends on " + dep + " with condition " + condition + ", not " + expected);
                }
            });
        });
        assertThat(problems).isEmpty();
        assertThat(services().keySet()).contains("kafka", "kafka-topics", "ingest-service", "enrich-service", "alert-service",
                "prometheus", "grafana", "mailpit", "webhook-receiver");
    }

    private static Map<String, Object> services0() {
        try {
            return services();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void buildsEachServiceFromItsDockerfileAndConfiguresItLikeTheLocalRun() throws IOException {
        for (String name : SERVICES) {
            Map<String, Object> service = map(services().get(name));
            Map<String, Object> build = map(service.get("build"));
            assertThat(build.get("context")).as(name).isEqualTo(".");
            Path dockerfile = Paths.root().resolve(String.valueOf(build.get("dockerfile")));
            assertThat(dockerfile).as(name).isEqualTo(Paths.root().resolve(name + "/src/main/docker/Dockerfile")).isRegularFile();
            String text = Files.readString(dockerfile);
            assertThat(text).as(name).contains("-pl " + name + " -am").contains("EXPOSE " + PORTS.get(name));

            Map<String, Object> env = map(service.get("environment"));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            assertThat(String.valueOf(env.get("NEWSALERT_ADMIN_KEY"))).as(name).startsWith("${NEWSALERT_ADMIN_KEY:?");
            int port = PORTS.get(name);
            assertThat(String.valueOf(service.get("ports"))).as(name).isEqualTo("[" + port + ":" + port + "]");
            assertThat(String.valueOf(map(service.get("healthcheck")).get("test"))).as(name).contains("localhost:" + port + "/q/health/ready");
        }
        assertThat(map(map(services().get("alert-service")).get("environment")).get("NEWSALERT_SMTP_HOST")).isEqualTo("mailpit");
    }

    @Test
    void theDemoWebhookReceiverStartsOnlyWithTheDemoProfile() throws IOException {
        Map<String, Object> receiver = map(services().get("webhook-receiver"));
        assertThat(String.valueOf(receiver.get("profiles"))).isEqualTo("[demo]");
        assertThat(Paths.root().resolve(String.valueOf(map(receiver.get("build")).get("dockerfile"))))
                .isEqualTo(Paths.root().resolve("local-run/src/main/docker/Dockerfile")).isRegularFile();
        // Production refuses internal webhook targets unless the operator opens them.
        assertThat(map(map(services().get("alert-service")).get("environment")).get("NEWSALERT_DELIVERY_SSRF_ALLOW"))
                .isEqualTo("${NEWSALERT_DELIVERY_SSRF_ALLOW:-}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceAtItsMetricsEndpoint() throws IOException {
        Map<String, Object> config = yaml(Paths.root().resolve("prometheus/prometheus.yml"));
        Map<String, String> scraped = new TreeMap<>();
        for (Object job : (List<Object>) config.get("scrape_configs")) {
            Map<String, Object> j = map(job);
            for (Object sc : (List<Object>) j.get("static_configs")) {
                for (Object target : (List<Object>) map(sc).get("targets")) {
                    scraped.put(String.valueOf(j.get("job_name")), target + String.valueOf(j.get("metrics_path")));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        SERVICES.forEach(s -> expected.put(s, s + ":" + PORTS.get(s) + "/q/metrics"));
        assertThat(scraped).isEqualTo(expected);
        assertThat(map(services().get("prometheus")).get("volumes").toString()).contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithTheDataSourceAndTheDashboard() throws IOException {
        Map<String, Object> grafana = map(services().get("grafana"));
        List<String> volumes = (List<String>) grafana.get("volumes");
        assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/var/lib/grafana/dashboards:ro");

        Map<String, Object> ds = map(((List<Object>) yaml(Paths.root().resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0));
        assertThat(ds.get("url")).isEqualTo("http://prometheus:9090");
        Map<String, Object> provider = map(((List<Object>) yaml(Paths.root().resolve("grafana/provisioning/dashboards/newsalert.yml")).get("providers")).get(0));
        assertThat(map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");

        Dashboard dashboard = new Dashboard();
        List<String> foreign = new ArrayList<>();
        dashboard.panels().forEach((title, panel) -> {
            if (!ds.get("uid").equals(panel.path("datasource").path("uid").asText())) {
                foreign.add(title);
            }
        });
        assertThat(foreign).as("panels whose data source is not the provisioned one").isEmpty();
    }

    /** {@code docker compose config} (or Compose v1's {@code docker-compose config}) accepts the file. */
    @Test
    void composeItselfAcceptsTheFile() throws Exception {
        Optional<List<String>> compose = composeCommand();
        assumeTrue(compose.isPresent(), "neither `docker compose` nor `docker-compose` is installed here; the file's"
                + " structure is still checked by the other tests of this class");
        List<String> command = new ArrayList<>(compose.get());
        command.addAll(List.of("-f", COMPOSE.toString(), "config", "-q"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("NEWSALERT_ADMIN_KEY", "compose-config-check");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s said: %s", String.join(" ", command), out).isZero();

        // And refuses to start without an admin key, naming the variable.
        ProcessBuilder noKey = new ProcessBuilder(command).redirectErrorStream(true);
        noKey.environment().remove("NEWSALERT_ADMIN_KEY");
        Process q = noKey.start();
        String said = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isNotZero();
        assertThat(said).contains("NEWSALERT_ADMIN_KEY");
    }

    static Optional<List<String>> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                Process p = new ProcessBuilder(version).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException notInstalled) {
                // try the next spelling
            }
        }
        return Optional.empty();
    }
}
