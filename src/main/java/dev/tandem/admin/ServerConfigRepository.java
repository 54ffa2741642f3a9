package dev.tandem.admin;

import java.util.Map;

/**
 * The store of the server-wide settings, as text by key (a key without a row has its default). Services know it by
 * this interface; CDI gives them {@link JpaServerConfigRepository}. Every method, reads too, joins the caller's
 * transaction or runs in its own (see {@link dev.tandem.persistence}).
 */
public interface ServerConfigRepository {

    /** Every stored setting, by key. */
    Map<String, String> findAll();

    /** Stores {@code value} under {@code key}, replacing the value there. */
    void put(String key, String value);
}
