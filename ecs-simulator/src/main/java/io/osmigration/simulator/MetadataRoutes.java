package io.osmigration.simulator;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * HTTP for {@link MetadataService}: each instance's metadata service under {@code /metadata/<instanceId>} (point a
 * client's metadata base URL, e.g. import.sh's {@code OSM_METADATA_URL}, at it), and the hook
 * {@code GET /_sim/metadata/identity-certificate.pem} with the certificate that verifies its identity documents.
 */
final class MetadataRoutes {

    private static final String PREFIX = "/metadata/{instanceId}/latest/";

    private final EcsSimulator simulator;

    MetadataRoutes(EcsSimulator simulator) {
        this.simulator = simulator;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .PUT(PREFIX + "api/token", this::token)
                .GET(PREFIX + "**", this::get)
                .GET("/_sim/metadata/identity-certificate.pem", request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_PLAIN).bodyValue(simulator.identityCertificatePem()))
                .build();
    }

    private Mono<ServerResponse> token(ServerRequest request) {
        return reply(simulator.metadata().token(request.pathVariable("instanceId"),
                request.headers().firstHeader(MetadataService.TTL_HEADER)));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        String instanceId = request.pathVariable("instanceId");
        URI uri = request.uri();
        String path = uri.getPath().substring(("/metadata/" + instanceId + "/latest/").length());
        return reply(simulator.metadata().get(instanceId, path, request.queryParam("audience").orElse(null),
                request.headers().firstHeader(MetadataService.TOKEN_HEADER)));
    }

    private static Mono<ServerResponse> reply(MetadataService.Answer answer) {
        return ServerResponse.status(answer.status()).contentType(MediaType.parseMediaType(answer.contentType()))
                .bodyValue(answer.body());
    }
}
