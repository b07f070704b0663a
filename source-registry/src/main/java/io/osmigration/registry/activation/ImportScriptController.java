package io.osmigration.registry.activation;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import io.osmigration.platform.security.PublicEndpoint;

/**
 * {@code GET /api/v1/import.sh}: public ({@code @PublicEndpoint}); the script holds no secret, the
 * activation code comes from the environment of whoever runs it.
 */
@RestController
class ImportScriptController {

    private static final MediaType SHELL = new MediaType("text", "x-shellscript", java.nio.charset.StandardCharsets.UTF_8);

    private final ImportScript script;
    private final PublicUrl publicUrl;

    ImportScriptController(ImportScript script, PublicUrl publicUrl) {
        this.script = script;
        this.publicUrl = publicUrl;
    }

    @PublicEndpoint("the script holds no secret; the activation code is given when it runs")
    @GetMapping("/api/v1/import.sh")
    ResponseEntity<String> importScript(ServerHttpRequest request) {
        return ResponseEntity.ok().contentType(SHELL).header("Cache-Control", "no-store")
                .body(script.render(publicUrl.of(request)));
    }
}
