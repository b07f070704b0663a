package io.osmigration.platform.security;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import reactor.core.publisher.Mono;

/**
 * Finds the controller method a request goes to and reads its {@link Access} / {@link PublicEndpoint} declaration.
 * Requests that match no annotated controller (unknown paths, wrong methods) need a token like any other: the caller
 * then gets the 404 or 405 only after authenticating.
 */
public class EndpointAccess {

    private static final Logger log = LoggerFactory.getLogger(EndpointAccess.class);

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final Map<Method, Boolean> warned = new ConcurrentHashMap<>();

    public EndpointAccess(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    Mono<EndpointRule> ruleFor(ServerWebExchange exchange) {
        String method = exchange.getRequest().getMethod().name();
        String fallbackAction = method + " " + exchange.getRequest().getPath().pathWithinApplication().value();
        Mono<Object> handler = Mono.empty();
        for (RequestMappingHandlerMapping mapping : mappings) {
            handler = handler.switchIfEmpty(mapping.getHandler(exchange).onErrorResume(e -> Mono.empty()));
        }
        return handler
                .filter(HandlerMethod.class::isInstance)
                .map(found -> rule((HandlerMethod) found, method, pattern(exchange)))
                .defaultIfEmpty(EndpointRule.defaultFor(method, fallbackAction));
    }

    private EndpointRule rule(HandlerMethod handler, String httpMethod, String pattern) {
        String defaultAction = httpMethod + " " + pattern;
        EndpointRule rule = declaredRule(handler, defaultAction)
                .orElseGet(() -> EndpointRule.defaultFor(httpMethod, defaultAction));
        if (!rule.declared() && warned.putIfAbsent(handler.getMethod(), Boolean.TRUE) == null) {
            log.warn("{} declares neither @Access nor @PublicEndpoint: it gets the default role {} ({})",
                    handler.getShortLogMessage(), rule.role().wireName(), defaultAction);
        }
        return rule;
    }

    /** The declaration on a controller method (or its class); empty when it has none. */
    public static Optional<EndpointRule> declaredRule(HandlerMethod handler, String defaultAction) {
        PublicEndpoint open = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PublicEndpoint.class);
        if (open != null) {
            return Optional.of(EndpointRule.publicEndpoint(open.value(), defaultAction));
        }
        Access access = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Access.class);
        if (access == null) {
            access = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Access.class);
        }
        if (access == null) {
            return Optional.empty();
        }
        return Optional.of(EndpointRule.declared(access.value(),
                access.action().isBlank() ? defaultAction : access.action(), access.audited()));
    }

    private static String pattern(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof PathPattern pathPattern) {
            return pathPattern.getPatternString();
        }
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }
}
