package dev.tandem.cluster;

/**
 * One node of the cluster.
 *
 * @param id the member's id, unique for the life of the process (Hazelcast's member UUID; made at start when
 *     clustering is off)
 * @param name Payara's instance name for the member ({@code tandem.cluster.member-name}, else one Payara made up), or
 *     null where it is not known (clustering off, in membership events, or Payara's map unreadable)
 * @param address the data grid address other members reach it at ({@code host:port}), or null when clustering is off
 * @param local whether this is the node that answers
 * @param lite whether the member is a Hazelcast lite member (holds no data)
 */
public record ClusterMember(String id, String name, String address, boolean local, boolean lite) {}
