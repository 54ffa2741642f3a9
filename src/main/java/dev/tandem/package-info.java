/**
 * Tandem: a real-time collaboration server for Jakarta EE, wire-compatible with the Convergence client.
 *
 * <p>Packages are cut by capability: {@code ot} (the pure operational-transformation core), {@code model},
 * {@code presence}, {@code activity}, {@code chat}, {@code identity}, {@code tenant} (namespaces and domains),
 * {@code admin} (server users, roles, credentials, domain administration), on the foundations {@code common}
 * (the one refusal type), {@code security} (password, key and secret hashing) and {@code persistence}, and the delivery channels under {@code interfaces},
 * which nothing else imports. See each package's own {@code package-info.java}; {@code dev.tandem.ArchitectureTest}
 * checks the dependency rules they state.
 */
package dev.tandem;
