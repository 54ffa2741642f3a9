package dev.tandem.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Tandem on Payara Micro: {@code java -jar target/tandem.jar}.
 *
 * <p>Expects {@code tandem.war} and {@code payara-micro.jar} beside its own jar (the Maven build puts all three in
 * {@code target/}). Configuration keys (system property or environment variable, see {@link LauncherConfig}):
 * <ul>
 *   <li>{@code tandem.http.port} (8080), {@code tandem.http.address} (0.0.0.0), {@code tandem.http.max-header-bytes}
 *       (64 KiB: the request line and headers Grizzly reads before it refuses a request)</li>
 *   <li>{@code tandem.data.dir} ({@code ./data}): the H2 database and Payara's runtime files</li>
 *   <li>{@code tandem.db.url}, {@code tandem.db.user}, {@code tandem.db.password}: PostgreSQL or another H2 database;
 *       {@code tandem.db.datasource-class} is derived from the URL when not given</li>
 *   <li>{@code tandem.admin.password}, {@code tandem.bootstrap.file}: read by the application</li>
 *   <li>{@code tandem.log.format} ({@code text} or {@code json}), {@code tandem.log.verbose} (false: the container
 *       logs from WARNING, Tandem from INFO; true: Payara's own levels)</li>
 *   <li>{@code tandem.cluster.enabled} (false): off means no Hazelcast at all; on, the other
 *       {@code tandem.cluster.*} keys choose discovery and ports ({@link ClusterArguments})</li>
 *   <li>{@code tandem.startup.timeout} (120 s): how long to wait for the application to answer</li>
 * </ul>
 */
public final class TandemLauncher {

    private static final Logger LOG = Logger.getLogger(TandemLauncher.class.getName());
    private static final String DEFAULT_NAMESPACE = "convergence";
    private static final String DEFAULT_DOMAIN = "default";
    private static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    /** H2's RETENTION_TIME in the default URL: see {@code dev.tandem.persistence.H2FileCompaction#sync()}. */
    static final int H2_RETENTION_MILLIS = 2000;

    private TandemLauncher() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        try {
            LauncherConfig config = new LauncherConfig(System.getenv());
            Path home = locateHome();
            List<String> payaraArgs = prepare(config, home);
            bootPayara(payaraArgs);
            StopLogging.keepThroughStop();
            String probeHost = probeHost(config.get("tandem.http.address", "0.0.0.0"));
            int port = config.getInt("tandem.http.port", 8080);
            awaitApplication(probeHost, port, Duration.ofSeconds(config.getInt("tandem.startup.timeout", 120)));
            double seconds = (System.nanoTime() - started) / 1e9;
            // The one line operators and scripts wait for (deliberately on stdout, not in the server log), then what a
            // newcomer needs next. Built first and printed in one call, so that server log lines cannot split it.
            String generated = System.getProperty(GENERATED_PASSWORD_PROPERTY);
            System.clearProperty(GENERATED_PASSWORD_PROPERTY);
            System.out.print(
                    readyMessage(seconds, probeHost, port, config.get("tandem.admin.username", "admin"), generated));
            System.out.flush();
            markClassDataArchiveUsable(
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Tandem failed to start: {0}", e.getMessage());
            System.err.println("Tandem failed to start: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * When this JVM writes a class-data archive at exit ({@code -XX:ArchiveClassesAtExit}, as the {@code tandem.sh}
     * script does on a first start), leaves {@code <archive>.ready} beside it: the archive of a start that never got
     * ready holds only part of the classes, and the script keeps only an archive that has this mark.
     */
    static void markClassDataArchiveUsable(List<String> jvmArguments) {
        archiveWrittenAtExit(jvmArguments).ifPresent(archive -> {
            try {
                Files.writeString(Path.of(archive + ".ready"), "", StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot mark the class-data archive {0} usable: {1}", new Object[] {
                    archive, e.getMessage()
                });
            }
        });
    }

    static java.util.Optional<String> archiveWrittenAtExit(List<String> jvmArguments) {
        String option = "-XX:ArchiveClassesAtExit=";
        return jvmArguments.stream()
                .filter(argument -> argument.startsWith(option))
                .map(argument -> argument.substring(option.length()))
                .filter(archive -> !archive.isEmpty())
                .reduce((first, last) -> last);
    }

    /** Where the application leaves a generated administrator password for the launcher to print (then cleared). */
    static final String GENERATED_PASSWORD_PROPERTY = "tandem.launcher.generated-admin-password";

    /**
     * The ready line followed by the URLs and the administrator's sign-in. The first line keeps its historical form,
     * which scripts wait for. {@code generatedPassword} is null except on the start that created the administrator.
     */
    static String readyMessage(double seconds, String host, int port, String adminUsername, String generatedPassword) {
        String http = "http://" + host + ":" + port;
        String realtime = "/api/realtime/" + DEFAULT_NAMESPACE + "/" + DEFAULT_DOMAIN;
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "Tandem ready in %.1f s: realtime ws://%s:%d%s  REST %s/api/rest%n",
                seconds, host, port, realtime, http));
        out.append(String.format("  landing page  %s/%n", http));
        out.append(String.format("  console       %s/console/   (sign in as %s)%n", http, adminUsername));
        out.append(String.format("  demo          %s/demo/   (a shared editor: open it in two windows)%n", http));
        out.append(String.format("  client URL    %s%s   (Convergence.connectAnonymously(url))%n", http, realtime));
        out.append(String.format("  OpenAPI       %s/openapi%n", http));
        out.append(String.format("  health        %s/health%n", http));
        if (generatedPassword != null) {
            out.append(String.format(
                    "  admin         %s / %s   (generated now and shown only once; "
                            + "set tandem.admin.password to change it)%n",
                    adminUsername, generatedPassword));
        } else {
            out.append(String.format(
                    "  admin         %s   (password: tandem.admin.password resets it at the next start)%n",
                    adminUsername));
        }
        String password = generatedPassword != null ? generatedPassword : "<password>";
        out.append(String.format(
                "  sign in       curl -s -X POST %s/api/rest/auth/login -H 'Content-Type: application/json' "
                        + "-d '{\"username\":\"%s\",\"password\":\"%s\"}'%n",
                http, adminUsername, password));
        return out.toString();
    }

    /** The folder that holds tandem.jar, tandem.war and payara-micro.jar. */
    private static Path locateHome() {
        try {
            Path jar = Path.of(TandemLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path home = Files.isDirectory(jar) ? jar : jar.getParent();
            if (!Files.exists(home.resolve("tandem.war"))) {
                throw new IllegalStateException("tandem.war not found beside the launcher in " + home);
            }
            return home;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher jar", e);
        }
    }

    static List<String> prepare(LauncherConfig config, Path home) {
        Path dataDir = config.getPath("tandem.data.dir", "./data");
        Path runtimeDir = dataDir.resolve("payara");
        Path tmpDir = runtimeDir.resolve("tmp");
        try {
            Files.createDirectories(dataDir.resolve("db"));
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        // Payara unpacks itself into java.io.tmpdir on every start: keep that inside the data directory.
        System.setProperty("java.io.tmpdir", tmpDir.toString());

        // Hand the resolved settings to the application as system properties, which MicroProfile Config reads.
        System.setProperty("tandem.data.dir", dataDir.toString());
        // WRITE_DELAY=0: H2 otherwise writes commits to its file up to 500 ms later, so a killed process would lose
        // operations that were already acknowledged. RETENTION_TIME=2000: H2 reuses a dead chunk's space 2 s after
        // the chunk was written instead of 45 s, which under sustained load held gigabytes of dead chunks (issue 19);
        // the server syncs the file every second instead (dev.tandem.persistence.H2FileCompaction).
        String dbUrl = config.get("tandem.db.url")
                .orElse("jdbc:h2:file:" + dataDir.resolve("db").resolve("tandem")
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=" + H2_RETENTION_MILLIS);
        // Checked before anything else is prepared: a bad cluster setting, or a cluster on H2, stops here.
        List<String> clusterArgs =
                ClusterArguments.of(config, dbUrl, config.get("tandem.db.url").isEmpty());
        ClusterArguments.systemProperties(config).forEach(System::setProperty);
        System.setProperty("tandem.db.url", dbUrl);
        System.setProperty(
                "tandem.db.datasource-class",
                config.get("tandem.db.datasource-class").orElse(dataSourceClassFor(dbUrl)));
        // Tells the application it runs under this launcher (it then leaves a generated admin password to print).
        System.setProperty("tandem.launcher", "true");
        // The application's own defaults (META-INF/microprofile-config.properties), set here too: Payara resolves the
        // data source's placeholders once before the application's configuration is visible, and warns for each
        // unset one although the application's default then applies.
        System.setProperty("tandem.db.user", config.get("tandem.db.user", "tandem"));
        System.setProperty("tandem.db.password", config.get("tandem.db.password", "tandem"));
        for (String key : List.of("tandem.admin.username", "tandem.admin.password", "tandem.bootstrap.file")) {
            config.get(key).ifPresent(value -> System.setProperty(key, value));
        }

        forgetPreviousDeployment(runtimeDir.resolve("root"));

        String address = config.get("tandem.http.address", "0.0.0.0");
        Path preBoot = runtimeDir.resolve("pre-boot-commands.txt");
        writePreBootCommands(
                preBoot,
                preBootCommands(address, config.getInt("tandem.http.max-header-bytes", DEFAULT_MAX_HEADER_BYTES)));

        List<String> args = new ArrayList<>(List.of(
                "--deploy",
                home.resolve("tandem.war").toString(),
                "--contextroot",
                "/",
                "--port",
                Integer.toString(config.getInt("tandem.http.port", 8080)),
                "--rootdir",
                runtimeDir.resolve("root").toString(),
                "--prebootcommandfile",
                preBoot.toString(),
                "--disablephonehome"));
        String logFormat = config.get("tandem.log.format", "text");
        if (!"json".equalsIgnoreCase(logFormat) && !"text".equalsIgnoreCase(logFormat)) {
            throw new IllegalArgumentException("tandem.log.format is " + logFormat + "; it takes text or json");
        }
        Path logProperties = runtimeDir.resolve("logging.properties");
        boolean verbose = config.getBoolean("tandem.log.verbose", false);
        writeLogProperties(logProperties, "json".equalsIgnoreCase(logFormat), verbose, System.console() != null);
        args.addAll(List.of("--logproperties", logProperties.toString()));
        StartupNoise.install(verbose);
        args.addAll(clusterArgs);
        return args;
    }

    /**
     * Removes what Payara Micro kept of the previous run's deployment in its root directory. It records the deployed
     * application in {@code config/domain.xml} and keeps its exploded copy in {@code applications/}; on the next
     * start it first deploys that copy, then undeploys it and deploys {@code tandem.war} again. Clients reconnecting
     * in between (the real client retries at once) were accepted by the first deployment and closed by its undeploy.
     * Payara recreates the configuration from its defaults, and the pre-boot commands are applied on every start;
     * the unpacked runtime, which is costly to recreate, stays.
     */
    static void forgetPreviousDeployment(Path payaraRoot) {
        for (String stale : List.of("config/domain.xml", "config/domain.xml.bak", "applications", "generated")) {
            deleteRecursively(payaraRoot.resolve(stale));
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the previous deployment at " + path, e);
        }
    }

    static String dataSourceClassFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.ds.PGSimpleDataSource";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        throw new IllegalArgumentException(
                "unsupported database URL " + jdbcUrl + " (set tandem.db.datasource-class to use another database)");
    }

    /**
     * The asadmin commands Payara Micro runs before it boots: the listeners' address, and the size of the buffer
     * Grizzly reads a request's line and headers into. Grizzly refuses a request whose headers do not fit with a bare
     * 400 before the application sees it; its default, 8 KiB, is less than a single sign-on JWT carrying many groups,
     * so it is raised well above the application's own cap on the {@code Authorization} header (16 KiB), which
     * answers in the JSON envelope.
     */
    static String preBootCommands(String address, int maxHeaderBytes) {
        String listeners = "configs.config.server-config.network-config.network-listeners.network-listener.";
        String protocols = "configs.config.server-config.network-config.protocols.protocol.";
        return "set " + listeners + "http-listener.address=" + address + "\n"
                + "set " + listeners + "https-listener.address=" + address + "\n"
                + "set " + protocols + "http-listener.http.header-buffer-length-bytes=" + maxHeaderBytes + "\n"
                + "set " + protocols + "https-listener.http.header-buffer-length-bytes=" + maxHeaderBytes + "\n";
    }

    /** Payara Micro's own logging settings, as shipped in payara-micro.jar. */
    static final String PAYARA_LOGGING_PROPERTIES = "MICRO-INF/domain/logging.properties";

    static final String JSON_FORMATTER = "fish.payara.enterprise.server.logging.JSONLogFormatter";

    /**
     * Payara Micro's logging settings as shipped, with three changes. The format: Payara's text format, coloured only
     * on a terminal, or one JSON object per line (Payara's own formatter: timestamp, level, logger, thread, message,
     * exception) for log collectors. The levels, unless {@code verbose}: the container's loggers at WARNING and
     * Tandem's at INFO, so that a start shows Tandem's lines and real problems, not the container's progress, its
     * boot commands, its migrations or the list of every REST endpoint. And the expired certificate authorities in
     * Payara's bundled trust store (their warnings dump each certificate) at SEVERE: Tandem does not use that store.
     */
    static void writeLogProperties(Path file, boolean json, boolean verbose, boolean colour) {
        try {
            Files.writeString(
                    file, logProperties(shippedLogProperties(), json, verbose, colour), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String logProperties(String shipped, boolean json, boolean verbose, boolean colour) {
        StringBuilder properties = new StringBuilder();
        for (String line : shipped.split("\\R")) {
            if (line.startsWith("java.util.logging.ConsoleHandler.formatter=")
                    || line.startsWith("com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=")) {
                continue;
            }
            if (!verbose && QUIET_LEVEL.matcher(line).matches()) {
                line = line.substring(0, line.lastIndexOf('=') + 1) + "WARNING";
            }
            properties.append(line).append('\n');
        }
        properties
                .append("java.util.logging.ConsoleHandler.formatter=")
                .append(json ? JSON_FORMATTER : TEXT_FORMATTER)
                .append('\n');
        if (!json) {
            properties
                    .append("com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=")
                    .append(colour)
                    .append('\n');
        }
        if (!verbose) {
            properties.append(".level=WARNING\n");
            properties.append("dev.tandem.level=INFO\n");
            properties.append(EXPIRED_CERTIFICATES_LOGGER).append(".level=SEVERE\n");
        }
        return properties.toString();
    }

    /** A logger's level at INFO in Payara's file (not a handler's level, which stays as shipped). */
    private static final java.util.regex.Pattern QUIET_LEVEL =
            java.util.regex.Pattern.compile("^(?!java\\.util\\.logging\\.)[^#=\\s]*\\.level=INFO\\s*$");

    static final String TEXT_FORMATTER = "com.sun.enterprise.server.logging.ODLLogFormatter";

    /** Payara's logger for NCLS-SECURITY-05054, "The SSL certificate with alias ... has expired". */
    static final String EXPIRED_CERTIFICATES_LOGGER = "javax.enterprise.system.security.ssl";

    private static String shippedLogProperties() {
        try (InputStream shipped =
                TandemLauncher.class.getClassLoader().getResourceAsStream(PAYARA_LOGGING_PROPERTIES)) {
            return shipped == null
                    ? "handlers=java.util.logging.ConsoleHandler\n.level=INFO\n"
                    : new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Payara's " + PAYARA_LOGGING_PROPERTIES, e);
        }
    }

    private static void writePreBootCommands(Path file, String commands) {
        try {
            Files.writeString(file, commands, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void bootPayara(List<String> args) {
        try {
            Class<?> payara = Class.forName("fish.payara.micro.PayaraMicro");
            payara.getMethod("main", String[].class).invoke(null, (Object) args.toArray(String[]::new));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("payara-micro.jar not found beside the launcher", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Payara Micro failed to boot: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start Payara Micro", e);
        }
    }

    private static String probeHost(String bindAddress) {
        return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "localhost" : bindAddress;
    }

    /** Payara logs "ready" even when the deployment failed, so ask the application itself. */
    private static void awaitApplication(String host, int port, Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI status = URI.create("http://" + host + ":" + port + "/api/rest/status");
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(status)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application", e);
            }
        }
        throw new IllegalStateException("the application did not answer " + status + " within " + timeout.toSeconds()
                + " s (last HTTP status " + lastStatus + "); see the log above for the deployment error");
    }
}
