package io.osmigration.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.osmigration.events.SourceImported;

/**
 * The build's guard on the event contract. A schema change must be recorded as a new version in
 * {@code schemas/history} and be backward and forward compatible with the version before it; otherwise this fails.
 */
class SchemaCompatibilityTest {

    private static final SchemaHistory HISTORY = SchemaHistory.load();

    static List<Class<? extends SpecificRecord>> eventTypes() {
        return Topics.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void currentSchemaIsThePublishedLatestVersion(Class<? extends SpecificRecord> type) {
        Schema current = EventCodec.schemaOf(type);
        List<Schema> versions = HISTORY.versionsOf(current.getName());

        assertThat(versions).as("published versions of %s", current.getName()).isNotEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(versions.get(versions.size() - 1)))
                .as("%s changed: add its new schema as v%d.avsc under schemas/history/%s and list it in index.txt",
                        current.getName(), versions.size() + 1, current.getName())
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyVersionIsFullyCompatibleWithThePreviousOne(Class<? extends SpecificRecord> type) {
        List<Schema> versions = HISTORY.versionsOf(EventCodec.schemaOf(type).getName());
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < versions.size(); i++) {
            problems.addAll(SchemaCompatibilityCheck.problems(versions.get(i - 1), versions.get(i)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aRequiredFieldWithoutDefaultIsCaughtAsBreakingBackwardCompatibility() {
        Schema previous = SourceImported.getClassSchema();
        Schema next = withExtraField(previous, new Schema.Field("tenant", Schema.create(Schema.Type.STRING)));

        assertThat(SchemaCompatibilityCheck.problems(previous, next))
                .anySatisfy(problem -> assertThat(problem).startsWith("backward").contains("tenant"));
    }

    @Test
    void removingARequiredFieldIsCaughtAsBreakingForwardCompatibility() {
        Schema previous = SourceImported.getClassSchema();
        List<Schema.Field> kept = previous.getFields().stream()
                .filter(field -> !field.name().equals("importMethod"))
                .map(field -> new Schema.Field(field, field.schema())).toList();
        Schema next = Schema.createRecord(previous.getName(), null, previous.getNamespace(), false, kept);

        assertThat(SchemaCompatibilityCheck.problems(previous, next))
                .anySatisfy(problem -> assertThat(problem).startsWith("forward").contains("importMethod"));
    }

    @Test
    void anOptionalFieldWithDefaultIsCompatibleBothWays() {
        Schema previous = SourceImported.getClassSchema();
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema next = withExtraField(previous, new Schema.Field("tenant", optional, null, Schema.Field.NULL_DEFAULT_VALUE));

        assertThat(SchemaCompatibilityCheck.problems(previous, next)).isEmpty();
    }

    private static Schema withExtraField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream()
                .map(field -> new Schema.Field(field, field.schema())).toList());
        fields.add(extra);
        return Schema.createRecord(schema.getName(), null, schema.getNamespace(), false, fields);
    }
}
