package io.osmigration.platform.cloud;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.exceptions.ClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credentials of the ECS instance's RAM role, from its metadata service, the way the SDK's
 * {@code ECSMetadataServiceCredentialsFetcher} (aliyun-java-sdk-core 4.7.3) gets them: a token from
 * {@code PUT /latest/api/token} ({@code X-aliyun-ecs-metadata-token-ttl-seconds}) sent as
 * {@code X-aliyun-ecs-metadata-token} (a plain GET only when no token can be had, as on instances not in hardened
 * mode), then {@code GET /latest/meta-data/ram/security-credentials/<role>} →
 * {@code {AccessKeyId, AccessKeySecret, SecurityToken, Expiration, Code: "Success"}}.
 *
 * <p>Our own because the SDK's fetcher has its host fixed to {@code 100.100.100.200} (changeable only through
 * {@code withECSMetadataServiceHost}, documented "only for testing", which prints to stderr) and decides when to
 * refresh from an assumed 6-hour lifetime rather than the Expiration it was given; here the metadata URL is
 * configuration and {@link RefreshingCredentialsProvider} renews by the real expiry.
 */
final class EcsRamRoleCredentials implements RefreshingCredentialsProvider.Fetcher {

    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String metadataUrl;
    private final String configuredRole;
    private final HttpClient http;
    private final Duration timeout = Duration.ofSeconds(2);

    EcsRamRoleCredentials(String metadataUrl, String roleName) {
        this.metadataUrl = metadataUrl.endsWith("/") ? metadataUrl.substring(0, metadataUrl.length() - 1) : metadataUrl;
        this.configuredRole = roleName == null ? "" : roleName.strip();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public TemporaryCredentials fetch() throws ClientException {
        String token = metadataToken();
        String role = configuredRole.isEmpty() ? get("/latest/meta-data/ram/security-credentials/", token).strip()
                : configuredRole;
        if (role.isEmpty() || role.contains("\n")) {
            throw new ClientException("SDK.CredentialsUnavailable", "The instance has " + (role.isEmpty() ? "no" : "several")
                    + " RAM roles: set osm.aliyun.credentials.ram-role-name");
        }
        JsonNode answer = JSON.readTree(get("/latest/meta-data/ram/security-credentials/" + role, token));
        if (!"Success".equals(text(answer, "Code"))) {
            throw new ClientException("SDK.CredentialsUnavailable", "The metadata service refused credentials of role "
                    + role + ": " + text(answer, "Code"));
        }
        try {
            return new TemporaryCredentials(new BasicSessionCredentials(text(answer, "AccessKeyId"),
                    text(answer, "AccessKeySecret"), text(answer, "SecurityToken")),
                    Instant.parse(text(answer, "Expiration")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ClientException("SDK.CredentialsUnavailable", "Unreadable credentials from " + describe());
        }
    }

    @Override
    public String describe() {
        return "the RAM role of this ECS instance (" + metadataUrl + ")";
    }

    /** A session token, or null where the metadata service gives none (then plain GETs are tried). */
    private String metadataToken() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(metadataUrl + "/latest/api/token")).timeout(timeout)
                .header("X-aliyun-ecs-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? response.body().strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String get(String path, String token) throws ClientException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(metadataUrl + path)).timeout(timeout).GET();
        if (token != null) {
            request.header("X-aliyun-ecs-metadata-token", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new ClientException("SDK.CredentialsUnavailable", "The metadata service answered HTTP "
                        + response.statusCode() + " for " + path);
            }
            return response.body();
        } catch (IOException e) {
            throw new ClientException("SDK.CredentialsUnavailable", "Cannot reach the metadata service at " + metadataUrl
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("SDK.CredentialsUnavailable", "Interrupted while asking the metadata service");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }
}
