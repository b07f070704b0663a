package io.osmigration.platform.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.osmigration.platform.web.ApiException;

@RestController
class WidgetController {

    record CreateWidget(@NotBlank String name, @Max(10) int size) {
    }

    @PostMapping("/api/test/widgets")
    CreateWidget create(@Valid @RequestBody CreateWidget request) {
        return request;
    }

    @GetMapping("/api/test/widgets/{id}")
    String get(@PathVariable String id) {
        throw ApiException.notFound("Widget " + id);
    }

    @GetMapping("/api/test/widgets/{id}/public")
    String publicView(@PathVariable String id) {
        return "widget " + id;
    }

    @GetMapping("/api/public/ping")
    String ping() {
        return "pong";
    }
}
