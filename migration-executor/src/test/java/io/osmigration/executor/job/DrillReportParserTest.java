package io.osmigration.executor.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.domain.DrillItem;

class DrillReportParserTest {

    @Test
    void inhibitorsAreCriticalHighIsWarningTheRestInfo() {
        String output = "leapp says hi\nOSM_REPORT_BEGIN\n{\"entries\": ["
                + "{\"title\": \"Drivers removed\", \"summary\": \"floppy\", \"severity\": \"high\", \"flags\": [\"inhibitor\"],"
                + " \"detail\": {\"remediations\": [{\"type\": \"hint\", \"context\": \"modprobe -r floppy\"}]}},"
                + "{\"title\": \"Old config\", \"summary\": \"s\", \"severity\": \"high\", \"flags\": []},"
                + "{\"title\": \"SElinux permissive\", \"summary\": \"s\", \"severity\": \"low\"}]}\nOSM_REPORT_END\n";
        assertThat(DrillReportParser.parse(output)).extracting(DrillItem::severity)
                .containsExactly("CRITICAL", "WARNING", "INFO");
        DrillItem first = DrillReportParser.parse(output).get(0);
        assertThat(first.remediationHint()).isEqualTo("modprobe -r floppy");
        assertThat(first.code()).isEqualTo("LEAPP_DRIVERS_REMOVED");
        assertThat(first.isCritical()).isTrue();
    }

    @Test
    void outputWithoutAReportIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DrillReportParser.parse("nothing"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
