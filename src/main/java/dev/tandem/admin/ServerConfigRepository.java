package dev.tandem.admin;

import java.util.Map;

/**
 * The store of the server-wide settings, as text by key (a key without a row has its default). Services know it by
 * this interface; CDI gives them {@link JpaServerConfigRepository}. Writes join the caller's transaction or run in
 * their own.
 */
public interface ServerConfigRepository {

    /** Every stored setting, by key. */
    Map<String, String> findAll();

    /** Stores {@code value} under {@code key}, replacing the value there. */
    void put(String key, String value);
}
