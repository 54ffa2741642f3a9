package dev.tandem.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-wide settings changed through the admin API, with Convergence's keys. Only the keys below exist; a value
 * must have the key's type. Absent rows have the default.
 */
@ApplicationScoped
public class ServerConfigService {

    public static final String SESSION_TIMEOUT = "sessions.timeout";
    public static final String PASSWORD_MIN_LENGTH = "passwords.minimum-length";

    /** Keys and defaults; the default's type is the key's type. */
    static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("namespaces.enabled", true);
        defaults.put("namespaces.user-namespaces-enabled", false);
        defaults.put("namespaces.default-namespace", TenantBootstrap.DEFAULT_NAMESPACE);
        defaults.put(PASSWORD_MIN_LENGTH, 8L);
        defaults.put("passwords.require-numeric", false);
        defaults.put("passwords.require-lower-case", false);
        defaults.put("passwords.require-upper-case", false);
        defaults.put("passwords.require-special-characters", false);
        // minutes of inactivity after which a session token from POST /auth/login expires
        defaults.put(SESSION_TIMEOUT, 30L);
        DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
    }

    @Inject
    ServerConfigRepository repository;

    /** The settings named by {@code keys} (all when empty), current values. Unknown keys are refused. */
    public Map<String, Object> get(Collection<String> keys) throws AdminException {
        for (String key : keys) {
            requireKnown(key);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, String> stored = repository.findAll();
        for (Map.Entry<String, Object> entry : DEFAULTS.entrySet()) {
            if (keys.isEmpty() || keys.contains(entry.getKey())) {
                String value = stored.get(entry.getKey());
                result.put(entry.getKey(), value == null ? entry.getValue() : parse(entry.getValue(), value));
            }
        }
        return result;
    }

    public long getLong(String key) {
        try {
            return ((Number) get(List.of(key)).get(key)).longValue();
        } catch (AdminException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Sets each of {@code values}, all or none. */
    @Transactional(rollbackOn = AdminException.class)
    public void set(Map<String, Object> values) throws AdminException {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Object def = requireKnown(entry.getKey());
            Object value = entry.getValue();
            boolean typeOk = def instanceof Boolean
                    ? value instanceof Boolean
                    : def instanceof Long
                            ? value instanceof Number
                                    && ((Number) value).doubleValue() % 1 == 0
                                    && ((Number) value).longValue() > 0
                            : value instanceof String;
            if (!typeOk) {
                throw AdminException.invalid(
                        entry.getKey(),
                        "'" + entry.getKey() + "' must be "
                                + (def instanceof Boolean
                                        ? "a boolean"
                                        : def instanceof Long ? "a positive integer" : "a string"));
            }
            repository.put(entry.getKey(), value instanceof Number n ? Long.toString(n.longValue()) : value.toString());
        }
    }

    /**
     * Checks a new password against the password settings.
     *
     * @throws AdminException (invalid {@code password}) naming the first rule it breaks
     */
    public void checkPassword(String password) throws AdminException {
        Map<String, Object> config = get(List.of());
        if (password == null || password.length() < ((Number) config.get(PASSWORD_MIN_LENGTH)).longValue()) {
            throw AdminException.invalid(
                    "password", "the password must have at least " + config.get(PASSWORD_MIN_LENGTH) + " characters");
        }
        check(config, "passwords.require-numeric", password.chars().anyMatch(Character::isDigit), "a digit");
        check(
                config,
                "passwords.require-lower-case",
                password.chars().anyMatch(Character::isLowerCase),
                "a lower-case letter");
        check(
                config,
                "passwords.require-upper-case",
                password.chars().anyMatch(Character::isUpperCase),
                "an upper-case letter");
        check(
                config,
                "passwords.require-special-characters",
                password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)),
                "a special character");
    }

    private static void check(Map<String, Object> config, String key, boolean met, String what) throws AdminException {
        if (Boolean.TRUE.equals(config.get(key)) && !met) {
            throw AdminException.invalid("password", "the password must contain " + what);
        }
    }

    private static Object requireKnown(String key) throws AdminException {
        Object def = DEFAULTS.get(key);
        if (def == null) {
            throw AdminException.invalid(key, "unknown setting '" + key + "'");
        }
        return def;
    }

    private static Object parse(Object def, String value) {
        if (def instanceof Boolean) {
            return Boolean.parseBoolean(value);
        }
        if (def instanceof Long) {
            return Long.parseLong(value);
        }
        return value;
    }
}
