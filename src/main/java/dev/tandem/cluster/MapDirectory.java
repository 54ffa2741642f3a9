package dev.tandem.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SharedDirectory} over a concurrent map: Hazelcast's {@code IMap} (a {@code ConcurrentMap} whose conditional
 * updates are atomic across the cluster) when clustered, a map of this JVM's in a cluster of one. Public so that tests
 * can share one between several nodes in one JVM.
 */
public final class MapDirectory implements SharedDirectory {

    private final ConcurrentMap<String, String> entries;

    /** A directory of this JVM only. */
    public MapDirectory() {
        this(new ConcurrentHashMap<>());
    }

    public MapDirectory(ConcurrentMap<String, String> entries) {
        this.entries = entries;
    }

    @Override
    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public String putIfAbsent(String key, String value) {
        String existing = entries.putIfAbsent(key, value);
        return existing == null ? value : existing;
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return entries.replace(key, expected, value);
    }

    @Override
    public boolean remove(String key, String expected) {
        return entries.remove(key, expected);
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }
}
