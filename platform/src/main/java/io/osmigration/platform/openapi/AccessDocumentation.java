package io.osmigration.platform.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Operation;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.PublicEndpoint;

/**
 * Writes each operation's access decision into the document, from the same annotations the platform's security
 * filter enforces: a {@link PublicEndpoint} needs no bearer token (the reason goes into the description), an
 * {@link Access} names the role needed ({@code x-osm-role}, and a line of the description).
 */
final class AccessDocumentation implements OperationCustomizer {

    static final String ROLE_EXTENSION = "x-osm-role";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        PublicEndpoint open = handler.getMethodAnnotation(PublicEndpoint.class);
        if (open != null) {
            operation.setSecurity(List.of());
            return describe(operation, "No bearer token: " + open.value() + ".");
        }
        Access access = handler.getMethodAnnotation(Access.class);
        if (access == null) {
            access = handler.getBeanType().getAnnotation(Access.class);
        }
        if (access != null) {
            String role = access.value().name().toLowerCase(java.util.Locale.ROOT);
            operation.addExtension(ROLE_EXTENSION, role);
            describe(operation, "Needs a token with role `" + role + "` or above.");
        }
        return operation;
    }

    private static Operation describe(Operation operation, String line) {
        String before = operation.getDescription();
        return operation.description(before == null || before.isBlank() ? line : before + "\n\n" + line);
    }
}
