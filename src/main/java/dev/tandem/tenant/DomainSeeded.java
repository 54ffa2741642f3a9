package dev.tandem.tenant;

/**
 * Fired synchronously, inside the bootstrap transaction, for each domain of the seed file once the domain and its
 * JWT keys exist. Observers add their part of the seed (the {@code identity} capability creates users and groups);
 * an observer that throws aborts the start.
 *
 * @param domain the domain, created now or earlier
 * @param seed   its entry in the seed file
 */
public record DomainSeeded(Domain domain, SeedFile.DomainSeed seed) {}
