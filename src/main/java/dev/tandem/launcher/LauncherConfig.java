package dev.tandem.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves launcher settings the way MicroProfile Config does for the application: a system property
 * ({@code tandem.http.port}) wins over an environment variable ({@code TANDEM_HTTP_PORT}), which wins over the
 * default. The launcher cannot use MicroProfile Config itself because it runs before the server exists.
 */
final class LauncherConfig {

    private final Map<String, String> environment;

    LauncherConfig(Map<String, String> environment) {
        this.environment = environment;
    }

    Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    int getInt(String key, int defaultValue) {
        String value = get(key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    boolean getBoolean(String key, boolean defaultValue) {
        return Boolean.parseBoolean(get(key, Boolean.toString(defaultValue)));
    }

    Path getPath(String key, String defaultValue) {
        return Path.of(get(key, defaultValue)).toAbsolutePath().normalize();
    }

    /** MicroProfile Config's mapping: non-alphanumerics become underscores, then upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
