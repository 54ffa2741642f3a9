package dev.tandem.identity;

import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainSeeded;
import dev.tandem.tenant.SeedFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the users and groups of the seed file to each seeded domain, creating what is absent: a user that exists
 * keeps its password and names; a group that exists gains the listed members it lacks and loses none.
 */
@ApplicationScoped
public class IdentitySeeder {

    private static final Logger LOG = Logger.getLogger(IdentitySeeder.class.getName());

    @Inject
    DomainUserRepository users;

    void onDomainSeeded(@Observes DomainSeeded event) {
        Domain domain = event.domain();
        SeedFile.DomainSeed seed = event.seed();
        PasswordHasher hasher = new PasswordHasher();
        for (SeedFile.UserSeed user : seed.users()) {
            if (users.find(domain, UserType.NORMAL, user.username()).isEmpty()) {
                users.createNormal(
                        domain,
                        user.username(),
                        user.password() == null ? null : hasher.hash(user.password()),
                        user.displayName(),
                        user.firstName(),
                        user.lastName(),
                        user.email());
                LOG.log(Level.INFO, "Seeded user {0} in domain {1}", new Object[] {user.username(), domain});
            }
        }
        for (SeedFile.GroupSeed groupSeed : seed.groups()) {
            UserGroup group = users.ensureGroup(domain, groupSeed.id(), groupSeed.description());
            for (String member : groupSeed.members()) {
                DomainUser user = users.find(domain, UserType.NORMAL, member)
                        .orElseThrow(() -> new IllegalArgumentException("seed file: group " + groupSeed.id()
                                + " of domain " + domain + " lists unknown user " + member));
                users.addMember(group, user);
            }
        }
    }
}
