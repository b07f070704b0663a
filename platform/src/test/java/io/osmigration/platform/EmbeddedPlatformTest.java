package io.osmigration.platform;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.osmigration.events.SourceImported;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.testapp.PlatformTestApplication;

/** The test application against the embedded Kafka broker and MongoDB server: one Spring context for all subclasses. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmbeddedPlatformTest {

    public static final EmbeddedInfrastructure INFRA = EmbeddedInfrastructure.shared();

    /** A SourceImported event for {@code sourceId} with a fresh event id. */
    public static SourceImported sourceImported(String sourceId) {
        ServerFacts facts = new ServerFacts("centos", "7", "CentOS Linux 7 (Core)", "x86_64", "3.10.0", "web-01", null,
                List.of("bash-4.2.46-35.el7_9.x86_64"), List.of(), List.of("base"), 20_000L, 400L, 4096L, true,
                Instant.parse("2026-11-01T00:00:00Z"));
        return SourceImported.newBuilder()
                .setHeader(EventHeaders.random("test", null, null, null, Instant.now()))
                .setSourceId(sourceId).setInstanceId("i-test").setRegionId("cn-hangzhou")
                .setImportMethod("ECS").setStatus("ONLINE").setFacts(FactsMapping.toAvro(facts)).build();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
