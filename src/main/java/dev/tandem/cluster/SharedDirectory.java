package dev.tandem.cluster;

import java.util.Set;

/**
 * A map of strings every member sees the same (Hazelcast's {@code IMap} in a cluster, a local map in a cluster of
 * one), whose conditional updates are atomic across the cluster: the ground for "exactly one member holds this".
 */
public interface SharedDirectory {

    /** The value under {@code key}, or null. */
    String get(String key);

    /** Puts {@code value} unless {@code key} has one; the value under {@code key} afterwards (either one). */
    String putIfAbsent(String key, String value);

    /** Replaces {@code expected} with {@code value}; false if {@code key} no longer holds {@code expected}. */
    boolean replace(String key, String expected, String value);

    /** Removes {@code key} if it holds {@code expected}; false otherwise. */
    boolean remove(String key, String expected);

    /**
     * Every key now, read across the whole cluster: for rare sweeps (after a member left), never on a hot path.
     */
    Set<String> keys();
}
