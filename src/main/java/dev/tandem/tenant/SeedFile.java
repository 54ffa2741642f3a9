package dev.tandem.tenant;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The operator's declaration of domains, users, groups and JWT keys ({@code tandem.bootstrap.file}), applied at
 * every start by {@link dev.tandem.admin.TenantBootstrap} (in {@code admin}, which builds on this package), which
 * creates what is absent and changes nothing that exists. Format:
 *
 * <pre>{@code
 * {"domains": [{"namespace": "acme", "id": "app", "displayName": "App",
 *               "anonymousAuth": false, "reconnectTokenValidityMinutes": 1440,
 *               "users":  [{"username": "alice", "password": "pw", "displayName": "Alice A",
 *                           "firstName": "Alice", "lastName": "A", "email": "alice@example.com"}],
 *               "groups": [{"id": "eng", "description": "Engineering", "members": ["alice"]}],
 *               "jwtKeys": [{"id": "test-key", "description": "tests",
 *                            "publicKey": "-----BEGIN PUBLIC KEY-----\n...", "enabled": true}],
 *               "autoCreateCollections": true,
 *               "collections": [{"id": "docs", "description": "Documents",
 *                                "worldPermissions": {"create": false, "read": true, "write": false,
 *                                                     "remove": false, "manage": false},
 *                                "userPermissions": {"alice": {"create": true, "read": true, "write": true,
 *                                                              "remove": true, "manage": true}}}]}]}
 * }</pre>
 *
 * Only {@code namespace}, {@code id}, user {@code username}, group {@code id}, key {@code id} and
 * {@code publicKey}, and collection {@code id} are required. A collection's permissions not given are false, its
 * {@code worldPermissions} absent allow everything (as an auto-created collection); {@code userPermissions} are by
 * username of normal users. Passwords are plain text in the file and hashed when the user is created.
 */
public record SeedFile(List<DomainSeed> domains) {

    /** A domain and what it should contain. {@code anonymousAuth} and the validity are {@code null} when not given. */
    public record DomainSeed(
            String namespace,
            String id,
            String displayName,
            Boolean anonymousAuth,
            Integer reconnectTokenValidityMinutes,
            List<UserSeed> users,
            List<GroupSeed> groups,
            List<JwtKeySeed> jwtKeys,
            Boolean autoCreateCollections,
            List<CollectionSeed> collections) {

        /** The settings for a domain created from this seed: what is given, else the defaults. */
        public DomainConfig config() {
            DomainConfig config = new DomainConfig(
                    Boolean.TRUE.equals(anonymousAuth),
                    reconnectTokenValidityMinutes != null
                            ? reconnectTokenValidityMinutes
                            : DomainConfig.DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES);
            config.setAutoCreateCollections(!Boolean.FALSE.equals(autoCreateCollections));
            return config;
        }

        @Override
        public String toString() {
            return namespace + "/" + id;
        }
    }

    /** A normal domain user with a plain-text password (may be {@code null}: no password login). */
    public record UserSeed(
            String username, String password, String displayName, String firstName, String lastName, String email) {

        @Override
        public String toString() {
            return "UserSeed[" + username + "]"; // never the password
        }
    }

    /** A user group and the usernames (normal users of the same domain) it contains. */
    public record GroupSeed(String id, String description, List<String> members) {}

    /** A model collection; {@code worldPermissions} is null when not given, user permissions are by username. */
    public record CollectionSeed(
            String id,
            String description,
            PermissionsSeed worldPermissions,
            java.util.Map<String, PermissionsSeed> userPermissions) {}

    /** A collection's permission flags; those not given are false. */
    public record PermissionsSeed(boolean create, boolean read, boolean write, boolean remove, boolean manage) {}

    /** A public key (PEM) that verifies the domain's JWTs. {@code enabled} defaults to true. */
    public record JwtKeySeed(String id, String description, String publicKey, boolean enabled) {}

    /**
     * Reads a seed file.
     *
     * @throws IllegalArgumentException naming the offending entry if the file cannot be read or is not in the format
     */
    public static SeedFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read seed file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses seed JSON; see {@link #read(Path)}. */
    public static SeedFile parse(Reader json) {
        JsonObject root;
        try (JsonReader reader = Json.createReader(json)) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("seed file is not a JSON object: " + e.getMessage(), e);
        }
        return new SeedFile(list(root, "domains", "", SeedFile::domain));
    }

    private static DomainSeed domain(JsonObject o, String path) {
        return new DomainSeed(
                required(o, "namespace", path),
                required(o, "id", path),
                optional(o, "displayName", path),
                o.containsKey("anonymousAuth") && !o.isNull("anonymousAuth") ? bool(o, "anonymousAuth", path) : null,
                o.containsKey("reconnectTokenValidityMinutes") && !o.isNull("reconnectTokenValidityMinutes")
                        ? positiveInt(o, "reconnectTokenValidityMinutes", path)
                        : null,
                list(
                        o,
                        "users",
                        path,
                        (u, p) -> new UserSeed(
                                required(u, "username", p),
                                optional(u, "password", p),
                                optional(u, "displayName", p),
                                optional(u, "firstName", p),
                                optional(u, "lastName", p),
                                optional(u, "email", p))),
                list(
                        o,
                        "groups",
                        path,
                        (g, p) -> new GroupSeed(
                                required(g, "id", p), optional(g, "description", p), strings(g, "members", p))),
                list(
                        o,
                        "jwtKeys",
                        path,
                        (k, p) -> new JwtKeySeed(
                                required(k, "id", p),
                                optional(k, "description", p),
                                required(k, "publicKey", p),
                                !k.containsKey("enabled") || k.isNull("enabled") || bool(k, "enabled", p))),
                o.containsKey("autoCreateCollections") && !o.isNull("autoCreateCollections")
                        ? bool(o, "autoCreateCollections", path)
                        : null,
                list(o, "collections", path, SeedFile::collection));
    }

    private static final List<String> COLLECTION_PERMISSIONS = List.of("create", "read", "write", "remove", "manage");

    private static CollectionSeed collection(JsonObject o, String path) {
        PermissionsSeed world = o.containsKey("worldPermissions") && !o.isNull("worldPermissions")
                ? permissions(o, "worldPermissions", path)
                : null;
        java.util.Map<String, PermissionsSeed> users = new java.util.LinkedHashMap<>();
        if (o.containsKey("userPermissions") && !o.isNull("userPermissions")) {
            JsonObject byUser = typed(o, "userPermissions", path, JsonValue.ValueType.OBJECT, o::getJsonObject);
            for (String username : byUser.keySet()) {
                users.put(username, permissions(byUser, username, path + "userPermissions."));
            }
        }
        return new CollectionSeed(required(o, "id", path), optional(o, "description", path), world, users);
    }

    private static PermissionsSeed permissions(JsonObject o, String key, String path) {
        JsonObject flags = typed(o, key, path, JsonValue.ValueType.OBJECT, o::getJsonObject);
        boolean[] result = new boolean[COLLECTION_PERMISSIONS.size()];
        for (int i = 0; i < result.length; i++) {
            String flag = COLLECTION_PERMISSIONS.get(i);
            result[i] = flags.containsKey(flag) && !flags.isNull(flag) && bool(flags, flag, path + key + ".");
        }
        return new PermissionsSeed(result[0], result[1], result[2], result[3], result[4]);
    }

    @FunctionalInterface
    private interface EntryParser<T> {
        T parse(JsonObject entry, String path);
    }

    private static <T> List<T> list(JsonObject o, String key, String path, EntryParser<T> parser) {
        List<T> result = new ArrayList<>();
        JsonArray array = array(o, key, path);
        for (int i = 0; i < array.size(); i++) {
            String entryPath = path + key + "[" + i + "].";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid(entryPath, "must be an object");
            }
            result.add(parser.parse(array.getJsonObject(i), entryPath));
        }
        return List.copyOf(result);
    }

    private static List<String> strings(JsonObject o, String key, String path) {
        return array(o, key, path).stream()
                .map(v -> {
                    if (v instanceof JsonString s) {
                        return s.getString();
                    }
                    throw invalid(path + key, "must hold strings only");
                })
                .toList();
    }

    private static JsonArray array(JsonObject o, String key, String path) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return typed(o, key, path, JsonValue.ValueType.ARRAY, o::getJsonArray);
    }

    private static String required(JsonObject o, String key, String path) {
        String value = optional(o, key, path);
        if (value == null || value.isBlank()) {
            throw invalid(path + key, "is required");
        }
        return value;
    }

    private static String optional(JsonObject o, String key, String path) {
        if (!o.containsKey(key) || o.isNull(key)) {
            return null;
        }
        return typed(o, key, path, JsonValue.ValueType.STRING, o::getString);
    }

    private static boolean bool(JsonObject o, String key, String path) {
        JsonValue value = o.get(key);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw invalid(path + key, "must be true or false");
    }

    private static int positiveInt(JsonObject o, String key, String path) {
        JsonValue value = o.get(key);
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            jakarta.json.JsonNumber number = o.getJsonNumber(key);
            if (number.isIntegral() && number.longValue() > 0 && number.longValue() <= Integer.MAX_VALUE) {
                return number.intValue();
            }
        }
        throw invalid(path + key, "must be a positive integer");
    }

    private static <T> T typed(
            JsonObject o, String key, String path, JsonValue.ValueType type, Function<String, T> getter) {
        if (o.get(key).getValueType() != type) {
            throw invalid(path + key, "must be of type " + type.name().toLowerCase());
        }
        return getter.apply(key);
    }

    private static IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException("seed file: " + path + " " + problem);
    }
}
