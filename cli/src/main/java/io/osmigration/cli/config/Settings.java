package io.osmigration.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the services are and which token to send, from (first wins) the command's flags, the environment
 * ({@code OSM_URL}, {@code OSM_<SERVICE>_URL}, {@code OSM_API_TOKEN}) and the config file
 * ({@code $XDG_CONFIG_HOME/osm/config}, else {@code ~/.config/osm/config}, Java properties: {@code url},
 * {@code executor-url}, …, {@code token}); within one of them a service's own URL beats the base URL.
 * <p>
 * A base URL without a port ({@code http://osm.example.internal}) means each service on its default port
 * (8080–8084); with a port, every service is at that one address (a gateway routing {@code /api/v1/...} by path).
 */
public record Settings(Map<Service, URI> urls, String token, String tokenOrigin, List<String> warnings) {

    public static final String DEFAULT_URL = "http://localhost";

    public Settings {
        urls = Map.copyOf(urls);
        warnings = List.copyOf(warnings);
    }

    public URI url(Service service) {
        return urls.get(service);
    }

    public Optional<String> bearer() {
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token.strip());
    }

    /** What the user gave on the command line; null fields were not given. */
    public record Flags(String url, Map<Service, String> serviceUrls, String token) {
    }

    /** The process environment and the home directory, passed in so tests can pose as any user. */
    public record Environment(Map<String, String> variables, Path home) {

        public static Environment current() {
            return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
        }

        String get(String name) {
            String value = variables.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        public Path configFile() {
            String xdg = get("XDG_CONFIG_HOME");
            Path base = xdg != null ? Path.of(xdg) : home.resolve(".config");
            return base.resolve("osm").resolve("config");
        }
    }

    public static Settings resolve(Flags flags, Environment environment) {
        List<String> warnings = new ArrayList<>();
        Path file = environment.configFile();
        Properties config = read(file, warnings);
        Map<Service, URI> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, url(service, flags, environment, config));
        }
        String token;
        String origin;
        if (flags.token() != null) {
            token = flags.token();
            origin = "--token";
        } else if (environment.get("OSM_API_TOKEN") != null) {
            token = environment.get("OSM_API_TOKEN");
            origin = "OSM_API_TOKEN";
        } else if (blankToNull(config.getProperty("token")) != null) {
            token = config.getProperty("token").strip();
            origin = file.toString();
            warnIfOthersCanRead(file, warnings);
        } else {
            token = null;
            origin = "none";
        }
        return new Settings(urls, token, origin, warnings);
    }

    /** Layer by layer (flags, environment, file), a service's own URL before the base URL of the same layer. */
    private static URI url(Service service, Flags flags, Environment environment, Properties config) {
        String[][] layers = {
                {flags.serviceUrls().get(service), service.flag(), flags.url(), "--url"},
                {environment.get(service.environmentVariable()), service.environmentVariable(),
                        environment.get("OSM_URL"), "OSM_URL"},
                {blankToNull(config.getProperty(service.configKey())), service.configKey(),
                        blankToNull(config.getProperty("url")), "url"}};
        for (String[] layer : layers) {
            if (layer[0] != null) {
                return parse(layer[0], layer[1]);
            }
            if (layer[2] != null) {
                return atDefaultPort(parse(layer[2], layer[3]), service);
            }
        }
        return atDefaultPort(parse(DEFAULT_URL, "--url"), service);
    }

    private static URI atDefaultPort(URI uri, Service service) {
        if (uri.getPort() != -1) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + service.defaultPort()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    private static URI parse(String value, String what) {
        String trimmed = value.strip().replaceAll("/+$", "");
        try {
            URI uri = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
            if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new SettingsException(what + ": '" + value + "' is not a URL such as http://osm.example.internal");
        }
    }

    private static Properties read(Path file, List<String> warnings) {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            warnings.add("cannot read " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private static void warnIfOthersCanRead(Path file, List<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add(file + " holds a token and others can read it: chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to say
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A setting that cannot be used; the message names it. */
    public static final class SettingsException extends RuntimeException {
        public SettingsException(String message) {
            super(message);
        }
    }
}
