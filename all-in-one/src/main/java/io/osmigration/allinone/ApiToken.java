package io.osmigration.allinone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The all-in-one run's API token: {@code OSM_API_TOKEN}, else the one kept in the data dir, else a new one. */
final class ApiToken {

    private ApiToken() {
    }

    static String resolve(String fromEnvironment, Path dataDir) {
        Path file = dataDir.resolve("api-token");
        try {
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment.strip();
            }
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "osm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.writeString(file, token + "\n");
            restrictToOwner(file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the API token in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data dir's ACL.
        }
    }
}
