package io.osmigration.registry.activation;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import io.osmigration.registry.RegistryProperties;

/** The base URL servers use to reach this service: configured, or the one the caller just used. */
@Component
class PublicUrl {

    private final String configured;

    PublicUrl(RegistryProperties properties) {
        String url = properties.publicUrl() == null ? "" : properties.publicUrl().trim();
        this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String of(ServerHttpRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        var uri = request.getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
