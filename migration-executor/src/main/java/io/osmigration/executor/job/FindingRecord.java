package io.osmigration.executor.job;

import io.osmigration.events.Finding;
import io.osmigration.executor.domain.DrillItem;

/** A precheck finding or drill item as stored and shown by the API. */
public record FindingRecord(String source, String code, String severity, String title, String detail,
                            String remediationHint, String remediationCommand) {

    static FindingRecord fromPrecheck(Finding finding) {
        return new FindingRecord("PRECHECK", finding.getCode(), finding.getSeverity(), finding.getTitle(),
                finding.getDetail(), finding.getRemediationHint(), finding.getRemediationCommand());
    }

    static FindingRecord fromDrill(DrillItem item) {
        return new FindingRecord("DRILL", item.code(), item.severity(), item.title(), item.detail(),
                item.remediationHint(), null);
    }

    Finding toEvent() {
        return Finding.newBuilder().setCode(code).setSeverity(severity).setTitle(title)
                .setDetail(detail == null ? "" : detail).setRemediationHint(remediationHint)
                .setRemediationCommand(remediationCommand).build();
    }
}
