package io.osmigration.platform.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.AuditResources;
import io.osmigration.platform.security.PublicEndpoint;
import io.osmigration.platform.security.Role;
import io.osmigration.platform.web.ApiException;

@RestController
class WidgetController {

    record CreateWidget(@NotBlank String name, @Max(10) int size) {
    }

    @PostMapping("/api/test/widgets")
    @Access(value = Role.OPERATOR, action = "widget.create")
    CreateWidget create(@Valid @RequestBody CreateWidget request, ServerWebExchange exchange) {
        AuditResources.add(exchange, "w-" + request.name());
        return request;
    }

    @GetMapping("/api/test/widgets/{id}")
    @Access(Role.VIEWER)
    String get(@PathVariable String id) {
        throw ApiException.notFound("Widget " + id);
    }

    @DeleteMapping("/api/test/widgets/{id}")
    @Access(value = Role.ADMIN, action = "widget.delete")
    String delete(@PathVariable String id) {
        return "deleted " + id;
    }

    @GetMapping("/api/test/widgets/{id}/public")
    @PublicEndpoint("test: open to anyone")
    String publicView(@PathVariable String id) {
        return "widget " + id;
    }

    @GetMapping("/api/public/ping")
    @PublicEndpoint("test: open to anyone")
    String ping() {
        return "pong";
    }

    @GetMapping("/api/test/undeclared")
    String undeclared() {
        return "default rule";
    }
}
