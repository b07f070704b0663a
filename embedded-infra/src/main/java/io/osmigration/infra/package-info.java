/**
 * Real infrastructure in this JVM, no Docker: a Kafka KRaft broker ({@link io.osmigration.infra.EmbeddedKafkaBroker}),
 * a MongoDB wire-protocol server ({@link io.osmigration.infra.EmbeddedMongoServer}) and an SMTP/IMAP server
 * ({@link io.osmigration.infra.EmbeddedMailServer}), each startable on its own, plus
 * {@link io.osmigration.infra.EmbeddedInfrastructure} to run all three.
 *
 * <p>In tests, share one set per JVM (starting brokers is the main cost of a test suite):
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infra(DynamicPropertyRegistry registry) {
 *     EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
 *     infra.kafka().createTopics("my-topic");          // auto.create.topics.enable is false; idempotent
 *     infra.springProperties().forEach((k, v) -> registry.add(k, () -> v));
 * }
 * }</pre>
 *
 * <p>Use distinct topic names, consumer group ids and database names per test class when sharing.
 */
package io.osmigration.infra;
