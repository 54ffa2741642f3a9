package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainSeeded;
import dev.tandem.tenant.SeedFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Creates the collections of the seed file that a seeded domain lacks; one that exists is left as it is. */
@ApplicationScoped
public class CollectionSeeder {

    private static final Logger LOG = Logger.getLogger(CollectionSeeder.class.getName());

    @Inject
    CollectionStore collections;

    @Inject
    DomainRepository domains;

    void onDomainSeeded(@Observes DomainSeeded event) {
        if (event.seed().collections().isEmpty()) {
            return;
        }
        // The domain row may still be pending in the bootstrap transaction; the JDBC inserts below refer to it.
        domains.flush();
        String domainRef = event.domain().getId();
        for (SeedFile.CollectionSeed seed : event.seed().collections()) {
            Map<DomainUserId, CollectionPermissions> users = new LinkedHashMap<>();
            seed.userPermissions().forEach((username, p) -> users.put(DomainUserId.normal(username), permissions(p)));
            ModelCollection collection = new ModelCollection(
                    seed.id(),
                    seed.description(),
                    seed.worldPermissions() == null ? CollectionPermissions.ALL : permissions(seed.worldPermissions()),
                    users,
                    null);
            if (collections.create(domainRef, collection)) {
                LOG.log(Level.INFO, "Seeded collection {0} in domain {1}", new Object[] {seed.id(), event.domain()});
            }
        }
    }

    private static CollectionPermissions permissions(SeedFile.PermissionsSeed p) {
        return new CollectionPermissions(p.create(), p.read(), p.write(), p.remove(), p.manage());
    }
}
