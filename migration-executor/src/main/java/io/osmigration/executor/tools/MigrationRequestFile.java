package io.osmigration.executor.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;

/**
 * Writes a batch submission (MigrationRequested, Avro single-object encoding) to a file, for other systems or
 * operators to produce with any Kafka client, e.g. {@code kcat -P -b localhost:9092 -t osm.migration.requests -k
 * <sourceId> -H ce_type=io.osmigration.events.MigrationRequested … request.avro}. See the module README.
 *
 * <p>Arguments: {@code --request-id ID --destination OS [--drill-mode M] [--max-parallel N]
 * [--failure-threshold-percent P] [--auto-remediate FINDING_CODE]... --out FILE SOURCE_ID[=DESTINATION]...}
 */
public final class MigrationRequestFile {

    private MigrationRequestFile() {
    }

    public static void main(String[] args) throws IOException {
        MigrationRequested.Builder request = MigrationRequested.newBuilder().setAcknowledgeRisks(true);
        List<MigrationTarget> targets = new ArrayList<>();
        List<String> autoRemediate = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--request-id" -> request.setRequestId(args[++i]);
                case "--destination" -> request.setDestinationOs(args[++i]);
                case "--drill-mode" -> request.setDrillMode(args[++i]);
                case "--max-parallel" -> request.setMaxParallel(Integer.valueOf(args[++i]));
                case "--failure-threshold-percent" -> request.setFailureThresholdPercent(Integer.valueOf(args[++i]));
                case "--auto-remediate" -> autoRemediate.add(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> targets.add(target(args[i]));
            }
        }
        if (out == null || !request.hasRequestId() || targets.isEmpty()) {
            System.err.println("usage: --request-id ID --destination OS [--drill-mode NONE|DRILL_ONLY|DRILL_AND_MIGRATE]"
                    + " [--max-parallel N] [--failure-threshold-percent P] [--auto-remediate FINDING_CODE]..."
                    + " --out FILE SOURCE_ID[=DESTINATION]...");
            System.exit(2);
            return;
        }
        MigrationRequested event = request.setTargets(targets).setAutoRemediate(autoRemediate)
                .setHeader(EventHeaders.random("operator", null, null, null, Instant.now())).build();
        Files.write(out, encode(event));
        System.out.println("ce_id=" + event.getHeader().getEventId());
        System.out.println("key=" + targets.get(0).getSourceId());
    }

    static byte[] encode(MigrationRequested event) {
        return new EventCodec().encode(event);
    }

    private static MigrationTarget target(String argument) {
        int equals = argument.indexOf('=');
        MigrationTarget.Builder target = MigrationTarget.newBuilder()
                .setSourceId(equals < 0 ? argument : argument.substring(0, equals));
        if (equals >= 0) {
            target.setDestinationOs(argument.substring(equals + 1));
        }
        return target.build();
    }
}
