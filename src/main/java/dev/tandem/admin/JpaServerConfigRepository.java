package dev.tandem.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ServerConfigRepository} on JPA: the {@code server_config} table. */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaServerConfigRepository implements ServerConfigRepository {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Map<String, String> findAll() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT config_key, config_value FROM server_config")
                .getResultList();
        Map<String, String> stored = new LinkedHashMap<>();
        rows.forEach(r -> stored.put((String) r[0], (String) r[1]));
        return stored;
    }

    @Override
    public void put(String key, String value) {
        em.createNativeQuery("DELETE FROM server_config WHERE config_key = ?1")
                .setParameter(1, key)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO server_config (config_key, config_value) VALUES (?1, ?2)")
                .setParameter(1, key)
                .setParameter(2, value)
                .executeUpdate();
    }
}
