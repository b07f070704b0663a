package io.osmigration.schemas;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Full (backward and forward) compatibility between consecutive versions of an event schema.
 * Backward: a reader with the new schema reads old bytes. Forward: a reader still on the old schema reads new bytes.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {
    }

    /** Problems found between a previous and a next version; empty when they are fully compatible. */
    public static List<String> problems(Schema previous, Schema next) {
        List<String> problems = new ArrayList<>();
        describe("backward (new reader, old writer)", SchemaCompatibility.checkReaderWriterCompatibility(next, previous), problems);
        describe("forward (old reader, new writer)", SchemaCompatibility.checkReaderWriterCompatibility(previous, next), problems);
        return problems;
    }

    private static void describe(String direction, SchemaCompatibility.SchemaPairCompatibility result, List<String> out) {
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(incompatibility -> out.add(direction + ": "
                    + incompatibility.getType() + " at " + incompatibility.getLocation() + " — " + incompatibility.getMessage()));
        }
    }
}
