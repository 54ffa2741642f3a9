package dev.tandem.identity;

/** A request named a group the domain does not have. */
public class GroupNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String groupId;

    public GroupNotFoundException(String groupId) {
        super("no group '" + groupId + "'", null, false, false);
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }
}
