package dev.tandem.identity;

import java.util.List;

/**
 * A group as the outside sees it.
 *
 * @param description {@code null} when the group has none
 * @param members     sorted by username
 */
public record UserGroupView(String id, String description, List<DomainUserId> members) {

    public UserGroupView {
        members = List.copyOf(members);
    }
}
