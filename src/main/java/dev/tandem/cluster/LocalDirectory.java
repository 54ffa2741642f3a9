package dev.tandem.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A cluster of one's {@link SharedDirectory}: a concurrent map in this JVM. */
final class LocalDirectory implements SharedDirectory {

    private final ConcurrentMap<String, String> entries = new ConcurrentHashMap<>();

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
}
