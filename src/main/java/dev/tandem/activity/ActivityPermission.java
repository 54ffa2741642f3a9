package dev.tandem.activity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a user may do with an activity; the names are the client's ({@code ActivityPermission} in its typings). */
public enum ActivityPermission {
    /** Join visibly: the others see the session and its state. */
    JOIN,
    /** Join without being seen and without state ({@code lurk: true}); {@link #JOIN} includes it. */
    LURK,
    /** See the other participants' state. */
    VIEW_STATE,
    /** Publish state of one's own session. */
    SET_STATE,
    /** Delete the activity. */
    REMOVE,
    /** Everything; upstream's permission to change permissions. */
    MANAGE;

    /** The name on the wire, e.g. {@code view_state}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The permission a client names.
     *
     * @throws IllegalArgumentException for a name that is not a permission
     */
    public static ActivityPermission fromWire(String name) {
        for (ActivityPermission permission : values()) {
            if (permission.wireName().equals(name)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("unknown activity permission '" + name + "'");
    }

    /** The permissions named, each once. */
    public static Set<ActivityPermission> fromWire(Collection<String> names) {
        Set<ActivityPermission> result = EnumSet.noneOf(ActivityPermission.class);
        for (String name : names) {
            result.add(fromWire(name));
        }
        return result;
    }
}
