package io.osmigration.platform.cloud;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How services reach Alibaba Cloud's ECS OpenAPI (or the simulator).
 *
 * @param endpoint           host[:port] of the ECS API; blank lets the SDK resolve {@code ecs.<region>.aliyuncs.com}
 * @param protocol           HTTPS in production; HTTP only for the local simulator
 * @param regionId           default region for calls that do not name one
 * @param accessKeyId        AccessKey id
 * @param accessKeySecret    AccessKey secret (never logged)
 * @param maxCallsPerSecond  client-side rate limit across all actions of this replica
 * @param maxAttempts        attempts per call when ECS answers Throttling or a 5xx
 * @param initialBackoff     first wait after such an answer (doubles, with jitter)
 * @param timeout            connect and read timeout of one HTTP call
 */
@Validated
@ConfigurationProperties("osm.aliyun")
public record AliyunProperties(
        @DefaultValue("") String endpoint,
        @DefaultValue("HTTPS") @Pattern(regexp = "HTTPS?") String protocol,
        @DefaultValue("cn-hangzhou") @NotBlank String regionId,
        @DefaultValue("") String accessKeyId,
        @DefaultValue("") String accessKeySecret,
        @DefaultValue("50") @Min(1) @Max(10_000) int maxCallsPerSecond,
        @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("200ms") @NotNull Duration initialBackoff,
        @DefaultValue("10s") @NotNull Duration timeout) {

    @Override
    public String toString() {
        return "AliyunProperties[endpoint=" + endpoint + ", protocol=" + protocol + ", regionId=" + regionId
                + ", accessKeyId=" + accessKeyId + ", accessKeySecret=<hidden>]";
    }
}
