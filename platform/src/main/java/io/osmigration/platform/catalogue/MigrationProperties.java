package io.osmigration.platform.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How migrations use the catalogue ({@code osm.migration.*}).
 *
 * @param experimentalPaths offer the catalogue's experimental paths (tool not confirmed by a public source); off,
 *                          they are refused with MIGRATION_PATH_EXPERIMENTAL
 * @param mirrorBaseUrl     base URL of the package mirror the recipes install from; blank: the catalogue's default,
 *                          Alibaba Cloud's VPC-internal http://mirrors.cloud.aliyuncs.com
 * @param answers           answers to the tools' dialogs by section ({@code remove_pam_pkcs11_module_check.confirm:
 *                          "True"}), over the catalogue's defaults
 */
@Validated
@ConfigurationProperties("osm.migration")
public record MigrationProperties(
        @DefaultValue("false") boolean experimentalPaths,
        @DefaultValue("") @Pattern(regexp = "(https?://[A-Za-z0-9.:-]+(/[A-Za-z0-9._/-]*)?)?") String mirrorBaseUrl,
        Map<String, String> answers) {

    public MigrationProperties {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    public String mirror(MigrationCatalogue catalogue) {
        String url = mirrorBaseUrl == null || mirrorBaseUrl.isBlank() ? catalogue.defaultMirror() : mirrorBaseUrl;
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The recipe's answers: configured ones over the catalogue's defaults, as {@code section=value}. */
    public List<String> answersFor(Recipe recipe) {
        Map<String, String> effective = new LinkedHashMap<>();
        recipe.answers().forEach(a -> effective.put(a.section(), answers.getOrDefault(a.section(), a.defaultValue())));
        return effective.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
