package dev.tandem.activity;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored about an activity.
 *
 * @param ephemeral true if the activity is deleted when its last participant leaves
 * @param created   when it was created, to the millisecond (what the database and the client keep)
 */
public record ActivityInfo(ActivityId id, boolean ephemeral, Instant created, ActivityPermissions permissions) {

    public ActivityInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(permissions, "permissions");
    }
}
