package io.osmigration.executor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.osmigration.events.MigrationRequested;
import io.osmigration.schemas.EventCodec;

class MigrationRequestFileTest {

    @Test
    void writesASingleObjectEncodedSubmission(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("request.avro");
        MigrationRequestFile.main(new String[] {"--request-id", "r-42", "--destination", "alinux3", "--max-parallel", "5",
                "--out", out.toString(), "s-aaaaaaaaaaaaaaaaaaaa", "s-bbbbbbbbbbbbbbbbbbbb=rhel8"});
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        MigrationRequested decoded = (MigrationRequested) new EventCodec().decode(bytes);
        assertThat(decoded.getRequestId()).isEqualTo("r-42");
        assertThat(decoded.getAcknowledgeRisks()).isTrue();
        assertThat(decoded.getHeader().getJobId()).isNull();
        assertThat(decoded.getTargets()).hasSize(2);
        assertThat(decoded.getTargets().get(1).getDestinationOs()).isEqualTo("rhel8");
    }
}
