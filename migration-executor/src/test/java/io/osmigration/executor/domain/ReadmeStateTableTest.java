package io.osmigration.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The module README shows the state machine exactly as the code has it. After changing {@link JobLifecycle}'s tables,
 * run this test with {@code OSM_UPDATE_README=true} in the environment to rewrite the README's section.
 */
class ReadmeStateTableTest {

    private static final String BEGIN = "<!-- job-state-table:begin (generated from JobLifecycle by ReadmeStateTableTest) -->";
    private static final String END = "<!-- job-state-table:end -->";

    @Test
    void theReadmeHoldsTheStateMachinesTables() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README.md has the state table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = "\n" + JobLifecycle.markdown() + "\n";
        String actual = text.substring(begin + BEGIN.length(), end);
        if (!expected.equals(actual) && "true".equals(System.getenv("OSM_UPDATE_README"))) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual).as("README.md's state table differs from JobLifecycle's; run with OSM_UPDATE_README=true")
                .isEqualTo(expected);
    }
}
