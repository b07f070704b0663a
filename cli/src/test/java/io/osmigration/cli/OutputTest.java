package io.osmigration.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.osmigration.cli.output.Csv;
import io.osmigration.cli.output.Progress;
import io.osmigration.cli.output.Table;

class OutputTest {

    @Test
    void theProgressBarFillsWithTheFinishedShareAndCountsStatesInJobOrder() {
        assertThat(Progress.render(List.of("COMPLETED", "MIGRATING", "PENDING", "PRECHECK_FAILED")))
                .isEqualTo("[############------------] 2/4 finished  PENDING 1 · MIGRATING 1 · COMPLETED 1 · PRECHECK_FAILED 1");
        assertThat(Progress.render(List.of())).isEqualTo("[------------------------] 0/0 finished  ");
    }

    @Test
    void onAPipeTheProgressIsPrintedOnlyWhenItChanges() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false);
        progress.show(List.of("PENDING"));
        progress.show(List.of("PENDING"));
        progress.line("a job moved");
        progress.show(List.of("COMPLETED"));
        assertThat(text.toString().lines()).containsExactly("[------------------------] 0/1 finished  PENDING 1",
                "a job moved", "[########################] 1/1 finished  COMPLETED 1");
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndEndsLinesWithCrLf() {
        StringWriter text = new StringWriter();
        new Csv(new PrintWriter(text, true)).row(Arrays.asList("a", "b,c", "say \"hi\"", null, "two\nlines"));
        assertThat(text.toString()).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",,\"two\nlines\"\r\n");
    }

    @Test
    void tablesAlignColumnsAndShowAbsentValuesAsADash() {
        StringWriter text = new StringWriter();
        new Table("ID", "STATE", "WHY").row("b-1", "RUNNING", null).row("b-22", "PAUSED", "threshold").print(new PrintWriter(text));
        assertThat(text.toString().lines()).containsExactly("ID    STATE    WHY", "b-1   RUNNING  -", "b-22  PAUSED   threshold");
    }
}
