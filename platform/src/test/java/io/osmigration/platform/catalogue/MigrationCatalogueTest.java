package io.osmigration.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MigrationCatalogueTest {

    private static final MigrationCatalogue CATALOGUE = MigrationCatalogue.load();

    @Test
    void holdsExactlySmcsPublishedMatrix() {
        // alibabacloud.com/help/en/smc/migration-operation, "Migration and upgrade scenarios"
        assertThat(CATALOGUE.paths()).extracting(MigrationPath::id).containsExactlyInAnyOrder(
                "centos7-x86_64-anolis7", "centos7-x86_64-anolis8", "centos7-x86_64-alinux2", "centos7-x86_64-alinux3",
                "centos7-x86_64-rhel7", "centos8-x86_64-anolis8", "centos8-x86_64-alinux3", "centos8-x86_64-rhel8",
                "centos7-aarch64-anolis7", "centos7-aarch64-anolis8", "centos7-aarch64-alinux3",
                "centos8-aarch64-anolis8", "centos8-aarch64-alinux3", "rhel7.9-x86_64-alinux3", "rhel8-x86_64-alinux3",
                "alinux2-x86_64-alinux3");
        assertThat(CATALOGUE.destinationIds()).containsExactly("alinux2", "alinux3", "anolis7", "anolis8", "rhel7", "rhel8");
        assertThat(CATALOGUE.paths()).filteredOn(MigrationPath::allowListed).extracting(MigrationPath::id)
                .containsExactlyInAnyOrder("centos7-x86_64-rhel7", "centos8-x86_64-rhel8");
    }

    @Test
    void thePathsWithoutAPublicToolAreExperimentalAndSayWhy() {
        assertThat(CATALOGUE.paths()).filteredOn(MigrationPath::experimental)
                .allSatisfy(path -> {
                    assertThat(path.destination()).startsWith("alinux");
                    assertThat(path.recipe()).isNull();
                    assertThat(path.reason()).contains("no public source");
                })
                .hasSize(8);
        assertThat(CATALOGUE.paths()).filteredOn(p -> !p.experimental())
                .allSatisfy(path -> assertThat(CATALOGUE.recipe(path)).isPresent());
    }

    @Test
    void everyRecipeAndPathCitesItsSources() {
        for (Recipe recipe : CATALOGUE.recipes().values()) {
            assertThat(recipe.install().sources()).as(recipe.id()).isNotEmpty();
            assertThat(recipe.migrate().sources()).as(recipe.id()).isNotEmpty();
            assertThat(recipe.restart().sources()).as(recipe.id()).isNotEmpty();
            recipe.remediations().values().forEach(step -> assertThat(step.sources()).isNotEmpty());
        }
        assertThat(CATALOGUE.paths()).allSatisfy(path -> assertThat(path.sources()).isNotEmpty()
                .allSatisfy(source -> assertThat(source.reference()).isNotBlank()));
    }

    @Test
    void theLeappRecipeWaitsThroughTheOfflinePhaseAndItsSecondReboot() {
        MigrationPath path = CATALOGUE.path("x86_64", "centos", "7", "anolis8").orElseThrow();
        Recipe recipe = CATALOGUE.recipe(path).orElseThrow();

        assertThat(recipe.tool()).isEqualTo("leapp");
        assertThat(recipe.preflight().report().format()).isEqualTo("leapp");
        assertThat(recipe.answers()).extracting(Recipe.Answer::section)
                .containsExactly("remove_pam_pkcs11_module_check.confirm");
        assertThat(recipe.restart().reboots()).isEqualTo(2);
        assertThat(recipe.restart().deadline()).isEqualTo(Duration.ofHours(2));
        assertThat(recipe.restart().offlineExpected()).isEqualTo(Duration.ofMinutes(50));
        assertThat(recipe.remediations()).containsKeys("KERNEL_MODULE_UNSUPPORTED", "SSHD_PERMIT_ROOT_LOGIN",
                "LEAPP_ANSWERS_MISSING", "I386_PACKAGES");
    }

    @Test
    void looksPathsUpByWhatTheFactsSay() {
        assertThat(CATALOGUE.path("arm64", "CentOS", "7", "anolis7")).isPresent();
        assertThat(CATALOGUE.path("x86_64", "rhel", "7.9", "alinux3")).isPresent();
        assertThat(CATALOGUE.path("x86_64", "rhel", "7.6", "alinux3")).isEmpty();
        assertThat(CATALOGUE.sourceVersions("x86_64", "rhel")).containsExactly("7.9", "8");
        assertThat(CATALOGUE.pathsFrom("x86_64", "alinux", "2.1903")).extracting(MigrationPath::destination)
                .containsExactly("alinux3");
        assertThat(CATALOGUE.pathsFrom("x86_64", "ubuntu", "22.04")).isEmpty();
        assertThat(CATALOGUE.destination("alinux3").orElseThrow().matches("alinux", "3.2104")).isTrue();
        assertThat(CATALOGUE.destination("anolis8").orElseThrow().matches("anolis", "7.9")).isFalse();
        assertThat(CATALOGUE.defaultMirror()).isEqualTo("http://mirrors.cloud.aliyuncs.com");
    }

    @Test
    void configuredAnswersOverrideTheCataloguesDefaults() {
        Recipe recipe = CATALOGUE.recipe("anolis-leapp-el7-to-el8").orElseThrow();

        assertThat(new MigrationProperties(false, "", null).answersFor(recipe))
                .containsExactly("remove_pam_pkcs11_module_check.confirm=True");
        assertThat(new MigrationProperties(false, "", Map.of("remove_pam_pkcs11_module_check.confirm", "False"))
                .answersFor(recipe)).containsExactly("remove_pam_pkcs11_module_check.confirm=False");
        assertThat(new MigrationProperties(false, "https://mirrors.aliyun.com/", null).mirror(CATALOGUE))
                .isEqualTo("https://mirrors.aliyun.com");
    }

    @Test
    void aBrokenCatalogueIsRefusedWithEveryProblemNamed() throws IOException {
        String yaml = shipped()
                .replace("destination: anolis7, recipe: centos2anolis-el7", "destination: anolis9, recipe: centos2anolis-el7")
                .replace("recipe: convert2rhel-el8", "recipe: no-such-recipe")
                .replace("script: centos2anolis-migrate.sh", "script: missing.sh")
                .replace("sources: [smc-matrix, convert2rhel-x86]", "sources: [smc-matrix, unknown-source]");

        assertThatThrownBy(() -> MigrationCatalogue.load(stream(yaml), "test.yaml"))
                .isInstanceOfSatisfying(CatalogueException.class, e -> assertThat(e.problems()).contains(
                        "path centos 7 (x86_64) -> anolis9: unknown destination anolis9",
                        "path centos 8 (x86_64) -> rhel8: a supported path needs a known recipe, has no-such-recipe",
                        "recipe centos2anolis-el7.migrate: no script io/osmigration/scripts/recipes/missing.sh",
                        "path centos 7 (x86_64) -> rhel7: unknown source unknown-source"))
                .hasMessageStartingWith("The migration catalogue test.yaml is invalid:");
    }

    @Test
    void experimentalPathsNeedAReasonAndMayNotCarryARecipe() throws IOException {
        String yaml = shipped().replaceFirst(
                "destination: alinux2, status: experimental, sources: \\[smc-matrix\\],",
                "destination: alinux2, status: experimental, recipe: centos2anolis-el7, sources: [smc-matrix],");

        assertThatThrownBy(() -> MigrationCatalogue.load(stream(yaml), "test.yaml"))
                .isInstanceOfSatisfying(CatalogueException.class, e -> assertThat(e.problems()).containsExactly(
                        "path centos 7 (x86_64) -> alinux2: an experimental path has no recipe and says why (reason)"));
    }

    @Test
    void unsafeScriptParametersAndUnknownFieldsAreRefused() throws IOException {
        String unsafe = shipped().replace("OSM_PACKAGES: \"leapp\"", "OSM_PACKAGES: \"leapp; rm -rf /\"");
        assertThatThrownBy(() -> MigrationCatalogue.load(stream(unsafe), "test.yaml"))
                .hasMessageContaining("recipe anolis-leapp-el7-to-el8.install: parameter OSM_PACKAGES has characters");

        String unknown = shipped().replace("schemaVersion: 1", "schemaVersion: 1\nshinyNewField: true");
        assertThatThrownBy(() -> MigrationCatalogue.load(stream(unknown), "test.yaml"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("shinyNewField");
    }

    static String shipped() throws IOException {
        try (InputStream in = MigrationCatalogue.class.getClassLoader().getResourceAsStream(MigrationCatalogue.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String yaml) {
        return new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
