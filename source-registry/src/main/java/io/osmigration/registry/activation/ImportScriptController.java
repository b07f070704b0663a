package io.osmigration.registry.activation;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/import.sh}: public (in {@code osm.security.public-paths}); the script holds no secret, the
 * activation code comes from the environment of whoever runs it.
 */
@RestController
@Tag(name = "Import script", description = "What the import one-liner calls on a server, authorised by its activation code")
class ImportScriptController {

    private static final MediaType SHELL = new MediaType("text", "x-shellscript", java.nio.charset.StandardCharsets.UTF_8);

    private final ImportScript script;
    private final PublicUrl publicUrl;

    ImportScriptController(ImportScript script, PublicUrl publicUrl) {
        this.script = script;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/api/v1/import.sh")
    @ApiResponse(responseCode = "200", description = "The POSIX sh import script; pipe it to sudo OSM_ACTIVATION_CODE=<code> sh",
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = "string")))
    ResponseEntity<String> importScript(ServerHttpRequest request) {
        return ResponseEntity.ok().contentType(SHELL).header("Cache-Control", "no-store")
                .body(script.render(publicUrl.of(request)));
    }
}
