package dev.tandem.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the {@code tandem.cluster.*} keys into Payara Micro's data grid (Hazelcast) arguments, and refuses a cluster
 * that cannot work before Payara boots.
 *
 * <p>Off ({@code tandem.cluster.enabled=false}, the default): {@code --nohazelcast}, so no Hazelcast at all. On: a
 * cluster name, a discovery mode, the data grid port and optionally the interfaces, public address and member name.
 * What Payara Micro 6 does with each (read in its {@code PayaraMicroImpl} and {@code HazelcastCore}):
 * <ul>
 *   <li>{@code --clustermode tcpip:<members>}: Hazelcast's TCP/IP join with the comma-separated members as given
 *       ({@code host}, {@code host:port} or {@code host:port-port}); multicast off.</li>
 *   <li>{@code --clustermode multicast:<group>:<port>}: Hazelcast's multicast join (also Payara Micro's default).</li>
 *   <li>{@code --clustermode dns:<name[:port]>,...}: each name resolved to all its A records (a Kubernetes headless
 *       service resolves to its pods), loopback addresses skipped; the port defaults to 4900 in Payara, so Tandem
 *       always gives the data grid port.</li>
 *   <li>{@code --clustermode kubernetes:<namespace>,<service>}: Hazelcast's Kubernetes discovery through the API
 *       server (the pod's service account must be allowed to read endpoints); Payara sets the service port to the
 *       data grid port.</li>
 *   <li>{@code --startport}: the data grid port; taken, Hazelcast tries the next ones. {@code --interfaces}: the
 *       addresses it may bind. {@code --hzpublicaddress}: the address other members are told (NAT, containers).</li>
 * </ul>
 * Payara Micro accepts any {@code --clustermode} (its option check's result is not used) and leaves an unknown mode
 * unset, so the data grid boots with its configuration's default ({@code domain}); every value is therefore checked
 * here first, and a bad one stops the start with a message naming the key.
 */
final class ClusterArguments {

    static final String ENABLED = "tandem.cluster.enabled";
    static final String NAME = "tandem.cluster.name";
    static final String DISCOVERY = "tandem.cluster.discovery";
    static final String MEMBERS = "tandem.cluster.members";
    static final String MULTICAST_GROUP = "tandem.cluster.multicast.group";
    static final String MULTICAST_PORT = "tandem.cluster.multicast.port";
    static final String KUBERNETES_NAMESPACE = "tandem.cluster.kubernetes.namespace";
    static final String KUBERNETES_SERVICE = "tandem.cluster.kubernetes.service-name";
    static final String PORT = "tandem.cluster.port";
    static final String INTERFACES = "tandem.cluster.interfaces";
    static final String PUBLIC_ADDRESS = "tandem.cluster.public-address";
    static final String MEMBER_NAME = "tandem.cluster.member-name";
    static final String HEARTBEAT_SECONDS = "tandem.cluster.heartbeat-seconds";
    static final String FAILURE_TIMEOUT_SECONDS = "tandem.cluster.failure-timeout-seconds";

    /** Payara Micro's own defaults (its domain.xml): data grid port 6900, multicast group 224.2.2.4 port 2904. */
    static final int DEFAULT_PORT = 6900;

    static final String DEFAULT_MULTICAST_GROUP = "224.2.2.4";
    static final int DEFAULT_MULTICAST_PORT = 2904;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:*]+");
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._\\-]+");
    /** A DNS label as Kubernetes names namespaces and services (RFC 1123). */
    private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?");

    private ClusterArguments() {}

    /**
     * Payara Micro's arguments for the cluster settings. {@code dbUrl} is the resolved JDBC URL: a clustered node on
     * H2 is refused, since every node must see the same database.
     *
     * @throws IllegalArgumentException with a one-line message naming the key, for every value that cannot work
     */
    static List<String> of(LauncherConfig config, String dbUrl, boolean dbUrlIsDefault) {
        if (!enabled(config)) {
            return List.of("--nohazelcast");
        }
        requireSharedDatabase(dbUrl, dbUrlIsDefault);
        List<String> args = new ArrayList<>();
        String name = config.get(NAME, "tandem");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw invalid(NAME, name, "letters, digits, '.', '_' and '-'");
        }
        args.addAll(List.of("--clustername", name));
        int port = port(config, PORT, DEFAULT_PORT);
        args.addAll(List.of("--clustermode", clusterMode(config, port)));
        args.addAll(List.of("--startport", Integer.toString(port)));
        config.get(INTERFACES).ifPresent(interfaces -> {
            requireList(INTERFACES, interfaces, "addresses such as 127.0.0.1 or 10.0.*.*");
            args.addAll(List.of("--interfaces", interfaces));
        });
        config.get(PUBLIC_ADDRESS).ifPresent(address -> {
            requireHosts(PUBLIC_ADDRESS, address, false, "host or host:port");
            args.addAll(List.of("--hzpublicaddress", address));
        });
        config.get(MEMBER_NAME).ifPresent(member -> {
            if (!NAME_PATTERN.matcher(member).matches()) {
                throw invalid(MEMBER_NAME, member, "letters, digits, '.', '_' and '-'");
            }
            args.addAll(List.of("--name", member));
        });
        return args;
    }

    /**
     * Hazelcast's failure detection, as system properties Hazelcast reads when its configuration does not set them
     * (Payara's does not): a heartbeat every {@value #HEARTBEAT_SECONDS} seconds (1 by default, Hazelcast's 5), and a
     * member that sent none for {@value #FAILURE_TIMEOUT_SECONDS} seconds (5 by default, Hazelcast's 60) is removed,
     * so its models move within seconds. A member whose process dies is usually seen sooner, when its connections
     * fail; the timeout is for one that is paused or cut off. Too short a timeout removes members that only stalled
     * (a long GC pause): they are fenced and rejoin. Empty when clustering is off.
     */
    static Map<String, String> systemProperties(LauncherConfig config) {
        if (!enabled(config)) {
            return Map.of();
        }
        int heartbeat = seconds(config, HEARTBEAT_SECONDS, 1, 1, 60);
        int timeout = seconds(config, FAILURE_TIMEOUT_SECONDS, 5, 2, 600);
        if (timeout <= heartbeat) {
            throw invalid(FAILURE_TIMEOUT_SECONDS, Integer.toString(timeout), "more than " + HEARTBEAT_SECONDS);
        }
        return Map.of(
                "hazelcast.heartbeat.interval.seconds", Integer.toString(heartbeat),
                "hazelcast.max.no.heartbeat.seconds", Integer.toString(timeout));
    }

    private static int seconds(LauncherConfig config, String key, int defaultValue, int min, int max) {
        String value = config.get(key, Integer.toString(defaultValue));
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= min && seconds <= max) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(key, value, "a number of seconds from " + min + " to " + max);
    }

    static boolean enabled(LauncherConfig config) {
        String value = config.get(ENABLED, "false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalid(ENABLED, value, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** A cluster shares one database: H2 (embedded or any {@code jdbc:h2:} URL) is refused before Payara boots. */
    static void requireSharedDatabase(String dbUrl, boolean isDefault) {
        if (dbUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("a cluster needs a shared database, but " + ENABLED + " is true and "
                    + (isDefault ? "tandem.db.url is not set (the embedded H2 database)" : "tandem.db.url is H2")
                    + ": set tandem.db.url to the PostgreSQL database every node uses"
                    + " (for example jdbc:postgresql://db:5432/tandem)");
        }
    }

    static String clusterMode(LauncherConfig config, int port) {
        String discovery = config.get(DISCOVERY, "multicast").toLowerCase(Locale.ROOT);
        return switch (discovery) {
            case "tcpip" -> "tcpip:" + members(config, "tcpip", "host, host:port or host:port-port entries");
            case "dns" -> "dns:" + dnsMembers(config, port);
            case "multicast" -> multicast(config);
            case "kubernetes" -> kubernetes(config);
            default -> throw invalid(DISCOVERY, discovery, "tcpip, multicast, dns or kubernetes");
        };
    }

    private static String members(LauncherConfig config, String discovery, String form) {
        String members = config.get(MEMBERS)
                .orElseThrow(() -> new IllegalArgumentException(DISCOVERY + " is " + discovery + " but " + MEMBERS
                        + " is not set (comma-separated " + form + ", e.g. 10.0.0.1:6900,10.0.0.2:6900)"));
        requireHosts(MEMBERS, members, true, form);
        return String.join(",", split(members));
    }

    /** Each DNS name with the data grid port unless it names one: Payara's own default there is 4900. */
    private static String dnsMembers(LauncherConfig config, int port) {
        String members = config.get(MEMBERS)
                .orElseThrow(() -> new IllegalArgumentException(DISCOVERY + " is dns but " + MEMBERS
                        + " is not set (comma-separated DNS names, e.g. tandem-hz.tandem.svc.cluster.local)"));
        requireHosts(MEMBERS, members, false, "DNS names, each optionally with :port");
        return String.join(
                ",",
                split(members).stream()
                        .map(m -> m.contains(":") ? m : m + ":" + port)
                        .toList());
    }

    private static String multicast(LauncherConfig config) {
        String group = config.get(MULTICAST_GROUP, DEFAULT_MULTICAST_GROUP);
        String[] octets = group.split("\\.", -1);
        boolean valid = octets.length == 4;
        for (int i = 0; valid && i < 4; i++) {
            valid = octets[i].matches("\\d{1,3}") && Integer.parseInt(octets[i]) <= 255;
        }
        if (!valid || Integer.parseInt(octets[0]) < 224 || Integer.parseInt(octets[0]) > 239) {
            throw invalid(MULTICAST_GROUP, group, "an IPv4 multicast address, 224.0.0.0 to 239.255.255.255");
        }
        return "multicast:" + group + ":" + port(config, MULTICAST_PORT, DEFAULT_MULTICAST_PORT);
    }

    /**
     * Both keys are required: without them Payara still sets its own defaults (namespace {@code default}, an empty
     * service name), which would join whatever runs in the {@code default} namespace.
     */
    private static String kubernetes(LauncherConfig config) {
        Optional<String> namespace = config.get(KUBERNETES_NAMESPACE);
        Optional<String> service = config.get(KUBERNETES_SERVICE);
        if (namespace.isEmpty() || service.isEmpty()) {
            throw new IllegalArgumentException(DISCOVERY + " is kubernetes but " + KUBERNETES_NAMESPACE + " and "
                    + KUBERNETES_SERVICE + " are not both set (the namespace and the service whose endpoints are the"
                    + " members)");
        }
        for (var entry : List.of(
                java.util.Map.entry(KUBERNETES_NAMESPACE, namespace.get()),
                java.util.Map.entry(KUBERNETES_SERVICE, service.get()))) {
            if (!KUBERNETES_NAME.matcher(entry.getValue()).matches()) {
                throw invalid(entry.getKey(), entry.getValue(), "a Kubernetes name (lower-case letters, digits, '-')");
            }
        }
        return "kubernetes:" + namespace.get() + "," + service.get();
    }

    static int port(LauncherConfig config, String key, int defaultValue) {
        String value = config.get(key, Integer.toString(defaultValue));
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw invalid(key, value, "a port number from 1 to 65535");
        }
        return port;
    }

    /** Entries {@code host}, {@code host:port} and, with ranges, {@code host:port-port}. */
    private static void requireHosts(String key, String value, boolean ranges, String form) {
        for (String entry : split(value)) {
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            String host = colon < 0 || (bracketed && colon < entry.indexOf(']')) ? entry : entry.substring(0, colon);
            String port = host.equals(entry) ? null : entry.substring(colon + 1);
            boolean valid = !host.isEmpty() && HOST.matcher(host).matches();
            if (valid && port != null) {
                String[] bounds = port.split("-", -1);
                valid = bounds.length == 1 || (ranges && bounds.length == 2);
                int previous = 0;
                for (int i = 0; valid && i < bounds.length; i++) {
                    valid = bounds[i].matches("\\d{1,5}");
                    int number = valid ? Integer.parseInt(bounds[i]) : 0;
                    valid = valid && number >= 1 && number <= 65535 && number >= previous;
                    previous = number;
                }
            }
            if (!valid) {
                throw new IllegalArgumentException(
                        key + " has '" + entry + "' in '" + value + "'; it takes comma-separated " + form);
            }
        }
    }

    private static void requireList(String key, String value, String form) {
        for (String entry : split(value)) {
            if (!HOST.matcher(entry).matches()) {
                throw new IllegalArgumentException(
                        key + " has '" + entry + "' in '" + value + "'; it takes comma-separated " + form);
            }
        }
    }

    private static List<String> split(String value) {
        List<String> entries = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            entries.add(part.trim());
        }
        return entries;
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(key + " is '" + value + "'; it takes " + expected);
    }
}
