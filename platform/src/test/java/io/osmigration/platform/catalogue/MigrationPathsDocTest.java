package io.osmigration.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/migration-paths.md is the catalogue rendered as tables: this test fails when the two differ, and rewrites the
 * file when run with -Dosm.docs.write=true.
 */
class MigrationPathsDocTest {

    private static final Path DOC = Path.of("..", "docs", "migration-paths.md");

    @Test
    void theDocumentedTableIsTheCatalogue() throws Exception {
        String rendered = CatalogueDocs.markdown(MigrationCatalogue.load());
        if (Boolean.getBoolean("osm.docs.write")) {
            Files.writeString(DOC, rendered);
        }
        assertThat(Files.exists(DOC)).as(DOC.toAbsolutePath() + " exists").isTrue();
        assertThat(Files.readString(DOC))
                .as("docs/migration-paths.md is out of date: rerun this test with -Dosm.docs.write=true")
                .isEqualTo(rendered);
        assertThat(rendered).contains("| centos 7 | x86_64 | Anolis OS 8 (`anolis8`) | supported |")
                .contains("experimental: SMC runs Alibaba Cloud's own tool");
    }
}
