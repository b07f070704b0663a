package io.osmigration.precheck.check;

import java.time.Clock;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.EventHeader;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.precheck.rules.Finding;

/** Maps a finished job check to PrecheckPassed / PrecheckFailed. */
final class PrecheckEvents {

    private PrecheckEvents() {
    }

    /** The event id derives from the job: whatever happens to the check, a job has one result event. */
    static String eventIdentity(String jobId) {
        return "precheck-result:" + jobId;
    }

    static SpecificRecord result(PrecheckDocument check, CheckResult result, Clock clock) {
        EventHeader header = EventHeaders.deterministic(PrecheckServiceApplication.NAME,
                eventIdentity(check.jobId()), check.batchId(), check.jobId(), check.causationId(), clock);
        List<io.osmigration.events.Finding> avroFindings = result.findings().stream().map(PrecheckEvents::toAvro)
                .toList();
        String sourceOs = result.sourceOs();
        String arch = result.arch();
        java.time.Instant factsCollectedAt = result.factsCollectedAt();
        boolean factsStale = result.factsStale();
        if (result.failed()) {
            return PrecheckFailed.newBuilder().setHeader(header).setPrecheckId(check.precheckId())
                    .setSourceId(check.sourceId()).setInstanceId(check.instanceId()).setRegionId(check.regionId())
                    .setDestinationOs(check.destinationOs()).setSourceOs(nullToEmpty(sourceOs))
                    .setArch(nullToEmpty(arch)).setFindings(avroFindings).setFactsCollectedAt(factsCollectedAt)
                    .setFactsStale(factsStale).build();
        }
        return PrecheckPassed.newBuilder().setHeader(header).setPrecheckId(check.precheckId())
                .setSourceId(check.sourceId()).setInstanceId(check.instanceId()).setRegionId(check.regionId())
                .setDestinationOs(check.destinationOs()).setSourceOs(nullToEmpty(sourceOs))
                .setArch(nullToEmpty(arch)).setFindings(avroFindings).setFactsCollectedAt(factsCollectedAt)
                .setFactsStale(factsStale).build();
    }

    static io.osmigration.events.Finding toAvro(Finding finding) {
        return io.osmigration.events.Finding.newBuilder().setCode(finding.code())
                .setSeverity(finding.severity().name()).setTitle(finding.title()).setDetail(finding.detail())
                .setRemediationHint(finding.remediationHint()).setRemediationCommand(finding.remediationCommand())
                .build();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
