package dev.tandem.interfaces.rest;

import dev.tandem.admin.AdminException;

/** Role checks of the resources: a refused check is 403 in the envelope. */
public final class Guard {

    private Guard() {}

    public static void require(boolean allowed, String what) throws AdminException {
        if (!allowed) {
            throw AdminException.forbidden("your role does not allow you to " + what);
        }
    }
}
