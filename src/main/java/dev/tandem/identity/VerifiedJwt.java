package dev.tandem.identity;

import java.util.List;

/**
 * What a valid JWT says about its user. Optional claims are {@code null} when the token does not carry them;
 * {@code groups} is {@code null} when absent (memberships stay as they are) and a list, maybe empty, when present
 * (memberships become exactly that).
 *
 * @param adminKey whether it was signed with the domain's own admin key (the user is then of type CONVERGENCE)
 */
public record VerifiedJwt(
        String keyId,
        boolean adminKey,
        String subject,
        String displayName,
        String firstName,
        String lastName,
        String email,
        List<String> groups) {}
