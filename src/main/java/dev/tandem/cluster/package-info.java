/**
 * Cluster membership: which Tandem nodes form the cluster, which one this is, and who joins or leaves.
 *
 * <p>{@link dev.tandem.cluster.ClusterMembership} is the whole contract: this node's member id, the current
 * {@link dev.tandem.cluster.ClusterMember}s, and a CDI event {@link dev.tandem.cluster.MembershipChange} for every
 * member that joins or leaves. With clustering off ({@code tandem.cluster.enabled=false}, the default; the launcher
 * then starts Payara Micro without Hazelcast) it is a cluster of one: this node alone, under an id made at start, no
 * look-up, no thread, no event.
 *
 * <p>On, the members are those of Payara's data grid (Hazelcast), found by the JNDI name Payara binds it to,
 * {@code payara/Hazelcast}: Payara's documented way for an application to reach the instance it runs, which needs no
 * Payara API on the class path (the CDI producer needs Payara's CDI extension; {@code HazelcastCore} is Payara's
 * internal class). Only {@code HazelcastMembers} names a Hazelcast type, and it is loaded only once the look-up
 * answered, so the WAR still deploys where no Hazelcast exists (the EAR on WildFly).
 *
 * <p>Two primitives for what the capabilities share: ordered messages to one member on a named channel
 * ({@link dev.tandem.cluster.ClusterMembership#send}, {@link dev.tandem.cluster.ClusterMembership#listen}: a Hazelcast
 * topic per member and channel, whose messages from one publisher arrive in order) and
 * {@link dev.tandem.cluster.SharedDirectory}, a map with atomic conditional updates ({@code IMap}). In a cluster of one
 * they cost nothing (a local map; nobody to send to). The model core places each model's writer with them; chat and
 * the connections' notices send on them. {@link dev.tandem.cluster.VersionedEntries} builds on both: directory entries
 * with a version, changed by compare-and-set and announced to every other member, which presence and activities keep
 * their shared state in. Imports nothing of Tandem's but {@code common}; knows no delivery channel.
 */
package dev.tandem.cluster;
