package dev.tandem.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /health/ready}): the database answers. Without it no login or edit can succeed.
 *
 * <p>The data source comes from {@link ReadinessDataSource} at start (until then the check is down): the WildFly
 * variant of the EAR moves this class and {@link ProcessLiveness} into a library of the EAR, the only place WildFly
 * registers health checks from, where the application's {@code java:app} names cannot be injected.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    private static volatile DataSource dataSource;

    /**
     * The data source to check from now on ({@code null}: none, the check is down). Public: on WildFly the caller is
     * in the WAR and this class in the EAR's library, another class loader.
     */
    public static void watch(DataSource source) {
        dataSource = source;
    }

    @Override
    public HealthCheckResponse call() {
        DataSource source = dataSource;
        if (source == null) {
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", "not started")
                    .build();
        }
        try (Connection connection = source.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return HealthCheckResponse.named("database")
                    .status(valid)
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException | RuntimeException e) {
            // the reason, not the stack trace: this answer is public
            return HealthCheckResponse.named("database")
                    .down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
