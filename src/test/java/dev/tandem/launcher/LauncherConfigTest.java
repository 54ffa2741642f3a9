package dev.tandem.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LauncherConfigTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("tandem.http.port");
    }

    @Test
    void mapsKeysToEnvironmentNamesLikeMicroProfileConfig() {
        assertEquals("TANDEM_HTTP_PORT", LauncherConfig.environmentName("tandem.http.port"));
        assertEquals("TANDEM_DB_DATASOURCE_CLASS", LauncherConfig.environmentName("tandem.db.datasource-class"));
    }

    @Test
    void systemPropertyWinsOverEnvironmentWhichWinsOverDefault() {
        LauncherConfig config = new LauncherConfig(Map.of("TANDEM_HTTP_PORT", "9090"));
        assertEquals(9090, config.getInt("tandem.http.port", 8080));
        System.setProperty("tandem.http.port", "7070");
        assertEquals(7070, config.getInt("tandem.http.port", 8080));
        assertEquals(8080, new LauncherConfig(Map.of()).getInt("tandem.missing.port", 8080));
    }

    @Test
    void blankValuesCountAsAbsent() {
        LauncherConfig config = new LauncherConfig(Map.of("TANDEM_DB_URL", "  "));
        assertTrue(config.get("tandem.db.url").isEmpty());
    }

    @Test
    void refusesANonNumericPortWithTheKeyInTheMessage() {
        LauncherConfig config = new LauncherConfig(Map.of("TANDEM_HTTP_PORT", "eighty"));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> config.getInt("tandem.http.port", 8080));
        assertTrue(error.getMessage().contains("tandem.http.port"));
    }

    @Test
    void derivesTheDataSourceClassFromTheUrl() {
        assertEquals(
                "org.postgresql.ds.PGSimpleDataSource",
                TandemLauncher.dataSourceClassFor("jdbc:postgresql://db:5432/tandem"));
        assertEquals("org.h2.jdbcx.JdbcDataSource", TandemLauncher.dataSourceClassFor("jdbc:h2:file:/data/db"));
        assertThrows(IllegalArgumentException.class, () -> TandemLauncher.dataSourceClassFor("jdbc:oracle:thin:@x"));
    }
}
