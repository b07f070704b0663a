package io.osmigration.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API endpoint that takes no bearer token because the service authorises it by other means (an activation code,
 * a signed identity document), or because it gives nothing away (the import script). The reason is required, so a
 * reader of the controller sees why the door is open. Public endpoints are not in the audit trail by the platform;
 * the service records what matters itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicEndpoint {

    /** How the endpoint is authorised instead, e.g. "activation code in the body". */
    String value();
}
