package dev.tandem.tenant;

/** Life cycle of a domain. Only an {@link #ONLINE} domain accepts connections. */
public enum DomainStatus {
    ONLINE,
    /** Taken offline by an operator; clients may retry later. */
    OFFLINE
}
