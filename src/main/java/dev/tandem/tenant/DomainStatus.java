package dev.tandem.tenant;

/** Availability of a domain. Only an {@link #ONLINE} domain accepts realtime connections. */
public enum DomainStatus {
    ONLINE,
    /** Closed for maintenance by an operator; clients are refused with a retry hint. */
    MAINTENANCE,
    /** Taken offline by an operator; clients may retry later. */
    OFFLINE
}
