/**
 * The command-line launcher behind {@code java -jar target/tandem.jar}.
 *
 * <p>It runs outside the application: it resolves Tandem's configuration (system properties, then environment
 * variables, then defaults, following MicroProfile Config's naming rules), prepares the data directory, boots Payara
 * Micro with {@code tandem.war}, probes the application and prints one line when it really serves. Nothing in the
 * application depends on this package; it is excluded from the WAR.
 */
package dev.tandem.launcher;
