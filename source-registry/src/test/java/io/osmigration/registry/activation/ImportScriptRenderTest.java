package io.osmigration.registry.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.osmigration.platform.facts.OnInstanceScripts;

class ImportScriptRenderTest {

    private final ImportScript script = new ImportScript();

    @Test
    void embedsTheCollectorOnceAndTheServerUrl() {
        String rendered = script.render("http://registry.example:8081");
        String collector = OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS);
        String body = collector.substring(collector.indexOf('\n') + 1).strip();
        assertThat(rendered).contains(body).contains("osm_default_server_url='http://registry.example:8081'");
        assertThat(rendered.indexOf(body)).isEqualTo(rendered.lastIndexOf(body));
        assertThat(rendered).doesNotContain("__OSM_");
    }

    @Test
    void aUrlThatCouldBreakOutOfTheQuotesIsNotEmbedded() {
        assertThat(script.render("http://evil'; rm -rf / #")).contains("osm_default_server_url='http://localhost:8081'")
                .doesNotContain("evil");
    }
}
