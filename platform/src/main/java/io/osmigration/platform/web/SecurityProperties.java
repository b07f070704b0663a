package io.osmigration.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiTokens   bearer tokens accepted on {@code /api/**}; with none configured every API call is refused
 * @param publicPaths API paths a service authorises by other means (e.g. an activation code)
 */
@ConfigurationProperties("osm.security")
public record SecurityProperties(@DefaultValue({}) List<String> apiTokens, @DefaultValue({}) List<String> publicPaths) {

    /** Keeps tokens out of logs and actuator output. */
    @Override
    public String toString() {
        return "SecurityProperties[apiTokens=" + apiTokens.size() + " configured, publicPaths=" + publicPaths + "]";
    }
}
