/**
 * Tandem: a real-time collaboration server for Jakarta EE, wire-compatible with the Convergence client.
 *
 * <p>Packages are cut by capability: {@code ot} (the pure operational-transformation core), {@code model},
 * {@code presence}, {@code activity}, {@code chat}, {@code identity}, {@code tenant}, and the delivery channels under
 * {@code interfaces}. See each package's own {@code package-info.java}.
 */
package dev.tandem;
