package io.osmigration.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an API endpoint needs, declared on the controller method (or its class, for every method in it). This is
 * the one place where who may do what is decided; the platform's {@code ApiSecurityWebFilter} enforces it for every
 * {@code /api/**} request: no or a bad token gives 401, a token whose role is below {@link #value()} gives 403 naming
 * the role needed.
 *
 * <p>An endpoint without {@code @Access} or {@link PublicEndpoint} still gets a safe default (reads need viewer,
 * anything else operator), but the endpoint × role matrix test fails for it, so every endpoint has a decision.
 *
 * <p>{@link #action()} names the request in the audit trail (e.g. {@code batch.pause}); without it the trail shows
 * the method and path pattern.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Role value();

    /** Audit action name of a state-changing endpoint; blank: {@code METHOD /path/{pattern}}. */
    String action() default "";

    /**
     * Whether a non-GET request to this endpoint goes to the audit trail. Only for POSTs that change nothing (issuing
     * a short-lived stream ticket); everything else is audited.
     */
    boolean audited() default true;
}
