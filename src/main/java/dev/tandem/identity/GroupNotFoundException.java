package dev.tandem.identity;

import dev.tandem.common.Refusal;

/** A request named a group the domain does not have (protocol code {@code group_not_found}). */
public class GroupNotFoundException extends Refusal {

    private static final long serialVersionUID = 1L;

    private final String groupId;

    public GroupNotFoundException(String groupId) {
        super(Reason.NOT_FOUND, "group_not_found", "the group '" + groupId + "' does not exist");
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }
}
