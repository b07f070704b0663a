package io.osmigration.allinone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The all-in-one run's {@code osm.security.data-key}, which seals stored secrets (webhook secrets): from
 * {@code OSM_SECURITY_DATA_KEY}, else kept in {@code <data-dir>/data-key} (mode 600), else a new random AES-256 key
 * written there. Losing the file makes sealed secrets unreadable: back it up with the data dir.
 */
final class DataKey {

    static final String FILE = "data-key";

    private DataKey() {
    }

    static String resolve(String fromEnvironment, Path dataDir) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(dataDir);
            Files.writeString(file, encoded + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the data dir's ACL.
            }
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the data key in " + file, e);
        }
    }

    static String describe(String fromEnvironment, Path dataDir) {
        return fromEnvironment != null && !fromEnvironment.isBlank() ? "OSM_SECURITY_DATA_KEY"
                : dataDir.resolve(FILE).toString();
    }
}
