package dev.tandem.interfaces.health;

import dev.tandem.persistence.DatabaseSchema;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;

/**
 * Hands the application's data source to {@link DatabaseReadiness} at start.
 *
 * <p>The check does not inject it itself because on WildFly it cannot live in the WAR: WildFly registers the
 * MicroProfile Health checks of an EAR's top-level bean archives only, not those of its WAR (WFLY-12835), so the
 * WildFly variant of the EAR carries the checks in {@code lib/tandem-health.jar}, where the application's
 * {@code java:app} names cannot be injected. This bean stays in the WAR, where they can, on every target.
 */
@ApplicationScoped
public class ReadinessDataSource {

    @Resource(lookup = DatabaseSchema.DATA_SOURCE)
    DataSource dataSource;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        DatabaseReadiness.watch(dataSource);
    }

    @PreDestroy
    void stop() {
        DatabaseReadiness.watch(null);
    }
}
