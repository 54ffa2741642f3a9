package dev.tandem.identity;

/** The user properties a {@link UserSearch} can match and order by. */
public enum UserField {
    USERNAME("username"),
    EMAIL("email"),
    FIRST_NAME("firstName"),
    LAST_NAME("lastName"),
    DISPLAY_NAME("displayName");

    private final String property;

    UserField(String property) {
        this.property = property;
    }

    /** The {@link DomainUser} property, for queries; never user input, so safe to put into JPQL text. */
    String property() {
        return property;
    }
}
