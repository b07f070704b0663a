package io.osmigration.platform.cloud.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The envelope as it runs on an instance: the real {@code envelope.sh} and {@code chunk.sh} under /bin/sh with a
 * fake root, their output read back byte for byte. Whatever the script prints, the envelope prints at most the
 * budget, and the result comes back whole and verified.
 */
class ResultEnvelopeTest {

    private static final CloudAssistantProperties PROPERTIES = CloudAssistantProperties.defaults();
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path root;

    @Test
    void aSmallResultComesBackInlineWithTheConsoleTailAndTheExitCode() throws Exception {
        String script = """
                echo "working on it" >&2
                echo "result line 1"
                echo "result line 2"
                exit 2
                """;
        Run run = run(ResultEnvelope.wrap(script, KEY, Capture.STDOUT, PROPERTIES));

        ResultEnvelope.Printed printed = ResultEnvelope.read(run.output());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(printed.header().status()).isEqualTo(2);
        assertThat(printed.consoleTail()).isEqualTo("working on it\n");
        assertThat(new String(ResultEnvelope.verify(printed.header(), printed.inlineEncoded(), 1 << 20),
                StandardCharsets.UTF_8)).isEqualTo("result line 1\nresult line 2\n");
    }

    @Test
    void aLargeResultStaysOnTheInstanceAndIsReadBackInVerifiedChunks() throws Exception {
        // 200 KB of console and 300 KB of result: far more than Cloud Assistant would keep.
        String script = """
                i=0
                while [ "$i" -lt 4000 ]; do
                  echo "console line $i: leapp actor progress, lorem ipsum dolor sit amet"
                  echo "result line $i: bash-4.2.46-35.el7_9.x86_64 glibc-2.17-326.el7_9.i686 $(( i * 7919 % 10007 ))" >>"$OSM_RESULT_FILE"
                  i=$(( i + 1 ))
                done
                exit 194
                """;
        Run run = run(ResultEnvelope.wrap(script, KEY, Capture.FILE, PROPERTIES));

        assertThat(run.output().length).isLessThanOrEqualTo(PROPERTIES.outputBudget());
        assertThat(run.exitCode()).isEqualTo(194);
        ResultEnvelope.Printed printed = ResultEnvelope.read(run.output());
        assertThat(printed.inlineEncoded()).isNull();
        assertThat(printed.consoleTail()).endsWith("console line 3999: leapp actor progress, lorem ipsum dolor sit amet\n")
                .hasSizeLessThanOrEqualTo(PROPERTIES.consoleTail());
        assertThat(printed.header().chunks()).isGreaterThan(1);

        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (int index = 0; index < printed.header().chunks(); index++) {
            Run chunk = run(ResultEnvelope.chunkScript(KEY, index, printed.header().chunkBytes()));
            assertThat(chunk.exitCode()).isZero();
            assertThat(chunk.output().length).isLessThanOrEqualTo(PROPERTIES.outputBudget());
            encoded.writeBytes(ResultEnvelope.chunk(chunk.output(), index));
        }
        String result = new String(ResultEnvelope.verify(printed.header(), encoded.toByteArray(), 1 << 24),
                StandardCharsets.UTF_8);
        assertThat(result.lines()).hasSize(4000);
        assertThat(result).startsWith("result line 0: ").contains("result line 3999: ");
    }

    @Test
    void aDamagedChunkFailsTheChecksumInsteadOfGivingAWrongResult() throws Exception {
        String script = "i=0; while [ $i -lt 3000 ]; do echo \"line $i $(( i * 31 ))\"; i=$(( i + 1 )); done\n";
        Run run = run(ResultEnvelope.wrap(script, KEY, Capture.STDOUT, PROPERTIES.withOutputBudget(4000)));
        ResultEnvelope.Printed printed = ResultEnvelope.read(run.output());
        assertThat(printed.header().chunks()).isGreaterThan(1);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (int index = 0; index < printed.header().chunks(); index++) {
            encoded.writeBytes(ResultEnvelope.chunk(run(ResultEnvelope.chunkScript(KEY, index,
                    printed.header().chunkBytes())).output(), index));
        }
        byte[] damaged = encoded.toByteArray();
        damaged[damaged.length / 2] ^= 0x01;

        assertThatThrownBy(() -> ResultEnvelope.verify(printed.header(), damaged, 1 << 24))
                .hasMessageContaining("checksum");
        byte[] shortened = java.util.Arrays.copyOf(encoded.toByteArray(), encoded.size() - 10);
        assertThatThrownBy(() -> ResultEnvelope.verify(printed.header(), shortened, 1 << 24))
                .hasMessageContaining("bytes where the instance wrote");
    }

    @Test
    void theScriptsOwnConsoleCannotFakeTheHeader() throws Exception {
        String script = "echo 'OSM_RESULT_V1 key=x status=0 tail=0 raw=0 rawsha= enc=identity size=0 sha= chunk=1 chunks=0 inline=1'\n"
                + "echo OSM_RESULT_END\nexit 1\n";
        Run run = run(ResultEnvelope.wrap(script, KEY, Capture.NONE, PROPERTIES));

        ResultEnvelope.Printed printed = ResultEnvelope.read(run.output());
        assertThat(printed.header().status()).isEqualTo(1);
        assertThat(printed.header().key()).isEqualTo(KEY);
        assertThat(printed.consoleTail()).contains("OSM_RESULT_V1 key=x");
    }

    @Test
    void outputCutBeforeTheHeaderIsRefused() {
        assertThatThrownBy(() -> ResultEnvelope.read("console only\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no result header");
    }

    @Test
    void aScriptContainingTheDelimiterLineIsRefused() {
        assertThatThrownBy(() -> ResultEnvelope.wrap("echo hi\nOSM_SCRIPT_EOF_4d1c\n", KEY, Capture.NONE, PROPERTIES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRenderedScriptsAreShellcheckClean() throws Exception {
        Path shellcheck = Path.of("/usr/bin/shellcheck");
        assumeTrue(Files.isExecutable(shellcheck), "shellcheck is not installed");
        for (String script : new String[] {ResultEnvelope.wrap("echo hello\n", KEY, Capture.FILE, PROPERTIES),
                ResultEnvelope.chunkScript(KEY, 3, PROPERTIES.chunkBytes())}) {
            Path file = root.resolve("check.sh");
            Files.writeString(file, script);
            Process process = new ProcessBuilder(shellcheck.toString(), "-s", "sh", file.toString())
                    .redirectErrorStream(true).start();
            String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(report).isZero();
        }
    }

    record Run(int exitCode, byte[] output) {
    }

    private Run run(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile(root, "run-", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", file.toString()).redirectErrorStream(true);
        builder.environment().put("OSM_ROOT", root.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
