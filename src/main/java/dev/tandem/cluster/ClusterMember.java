package dev.tandem.cluster;

/**
 * One node of the cluster.
 *
 * @param id the member's id, unique for the life of the process (Hazelcast's member UUID; made at start when
 *     clustering is off)
 * @param name Payara's instance name for the member, or null when it has none
 * @param address the data grid address other members reach it at ({@code host:port}), or null when clustering is off
 * @param local whether this is the node that answers
 * @param lite whether the member is a Hazelcast lite member (holds no data)
 */
public record ClusterMember(String id, String name, String address, boolean local, boolean lite) {}
