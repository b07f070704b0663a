package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on our machines, so docker-compose.yml cannot be started in CI. This test reads it and
 * checks that it agrees with the services' own configuration and with the contract's ports.
 */
@SuppressWarnings("unchecked")
class DockerComposeTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, Object> SERVICES = (Map<String, Object>) load(REPOSITORY.resolve("docker-compose.yml")).get("services");

    @ParameterizedTest
    @CsvSource({"migration-executor,8080", "source-registry,8081", "precheck-service,8082", "snapshot-service,8083",
            "notification-service,8084", "ecs-simulator,8090"})
    void eachServiceIsBuiltFromItsModuleAndListensOnItsContractPort(String name, int contractPort) throws IOException {
        Map<String, Object> service = service(name);
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        String module = (String) ((Map<String, Object>) build.get("args")).get("SERVICE");

        assertThat(module).isEqualTo(name);
        assertThat(REPOSITORY.resolve(module).resolve("pom.xml")).exists();
        assertThat(ownServerPort(name)).as("server.port in %s.yml", name).isEqualTo(contractPort);
        assertThat(environment(service)).containsEntry("SERVER_PORT", String.valueOf(contractPort));
        assertThat((List<String>) service.get("ports")).containsExactly(contractPort + ":" + contractPort);
    }

    @ParameterizedTest
    @CsvSource({"migration-executor", "source-registry", "precheck-service", "snapshot-service", "notification-service"})
    void servicesReachTheComposeKafkaAndMongoDb(String name) {
        Map<String, Object> environment = environment(service(name));
        Map<String, Object> kafka = environment(service("kafka"));

        assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(((String) kafka.get("KAFKA_ADVERTISED_LISTENERS")).replace("PLAINTEXT://", ""));
        assertThat((String) environment.get("SPRING_MONGODB_URI")).startsWith("mongodb://mongodb:27017");
        assertThat(environment).containsKeys("OSM_SECURITY_TOKENS_0_NAME", "OSM_SECURITY_TOKENS_0_ROLE",
                "OSM_SECURITY_TOKENS_0_SHA256", "OSM_SECURITY_DATA_KEY", "OSM_ALIYUN_ACCESS_KEY_ID",
                "OSM_ALIYUN_ACCESS_KEY_SECRET", "OSM_ALIYUN_CREDENTIALS_TYPE");
        assertThat((Map<String, Object>) service(name).get("depends_on")).containsKeys("kafka", "mongodb");
    }

    @Test
    void kafkaIsTheOfficialImageInKraftModeWithoutRebalanceDelay() {
        Map<String, Object> kafka = service("kafka");
        Map<String, Object> environment = environment(kafka);

        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", 0)
                .containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS");
        assertThat((String) service("mongodb").get("image")).startsWith("mongo:");
    }

    @Test
    void prometheusIsTheOfficialImageWithTheRepositorysConfigAndAlertsMounted() {
        Map<String, Object> prometheus = service("prometheus");
        List<String> volumes = (List<String>) prometheus.get("volumes");

        assertThat((String) prometheus.get("image")).startsWith("prom/prometheus:v3");
        assertThat((List<String>) prometheus.get("ports")).containsExactly("9090:9090");
        assertThat(volumes).contains("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro",
                "./ops/prometheus/osm-token:/etc/prometheus/osm-token:ro");
        assertThat(REPOSITORY.resolve("ops/prometheus/alerts.yml")).exists();
        assertThat((List<String>) load(REPOSITORY.resolve("ops/prometheus/prometheus.yml")).get("rule_files"))
                .containsExactly("/etc/prometheus/alerts.yml");
    }

    @ParameterizedTest
    @CsvSource({"migration-executor", "source-registry", "precheck-service", "snapshot-service", "notification-service"})
    void prometheusScrapesEachServiceOnItsPortWithAViewerTokenTheServiceAccepts(String name) {
        Map<String, Object> job = ((List<Map<String, Object>>) load(REPOSITORY.resolve("ops/prometheus/prometheus.yml"))
                .get("scrape_configs")).stream().filter(config -> name.equals(config.get("job_name"))).findFirst()
                .orElseThrow(() -> new AssertionError("ops/prometheus/prometheus.yml does not scrape " + name));
        String port = (String) environment(service(name)).get("SERVER_PORT");

        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat((List<Map<String, Object>>) job.get("static_configs")).singleElement()
                .satisfies(targets -> assertThat((List<String>) targets.get("targets")).containsExactly(name + ":" + port));
        assertThat((Map<String, Object>) job.get("authorization")).containsEntry("type", "Bearer")
                .containsEntry("credentials_file", "/etc/prometheus/osm-token");
        assertThat(environment(service(name))).containsEntry("OSM_SECURITY_TOKENS_1_NAME", "prometheus")
                .containsEntry("OSM_SECURITY_TOKENS_1_ROLE", "viewer").containsKey("OSM_SECURITY_TOKENS_1_SHA256");
        assertThat((List<String>) service("prometheus").get("depends_on")).contains(name);
    }

    @Test
    void theSimulatorIsOptional() {
        assertThat((List<String>) service("ecs-simulator").get("profiles")).containsExactly("simulator");
    }

    private static Map<String, Object> service(String name) {
        assertThat(SERVICES).containsKey(name);
        return (Map<String, Object>) SERVICES.get(name);
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    private static int ownServerPort(String name) {
        try (InputStream in = DockerComposeTest.class.getClassLoader().getResourceAsStream(name + ".yml")) {
            assertThat(in).as("%s.yml on the class path", name).isNotNull();
            Map<String, Object> config = new Yaml().load(in);
            Object port = config.containsKey("server.port") ? config.get("server.port")
                    : ((Map<String, Object>) config.get("server")).get("port");
            // "${SERVER_PORT:8081}" style placeholders: the default is what counts here.
            String text = String.valueOf(port);
            return Integer.parseInt(text.contains(":") ? text.replaceAll(".*:(\\d+)}$", "$1") : text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
