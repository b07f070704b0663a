package io.osmigration.platform.cloud;

import java.time.Instant;

import com.aliyuncs.auth.BasicSessionCredentials;

/** Credentials with a security token and an end, as STS and the metadata service hand them out. */
record TemporaryCredentials(BasicSessionCredentials credentials, Instant expiration) {
}
