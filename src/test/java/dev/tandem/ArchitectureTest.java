package dev.tandem;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tandem.cluster.ClusterMembership;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules each package's {@code package-info.java} states, checked on the compiled main classes.
 *
 * <p>Not checked here, on purpose: the inside of {@code dev.tandem.model} beyond "the core knows its stores by their
 * interfaces" and the two model-core rules below (a live model's writer-confined parts, the relay's one way out), and
 * the direction between the capabilities themselves beyond "no cycles" (each package-info says what it builds on).
 */
class ArchitectureTest {

    private static final String OT = "dev.tandem.ot..";
    private static final String COMMON = "dev.tandem.common..";
    private static final String SECURITY = "dev.tandem.security..";
    private static final String PERSISTENCE = "dev.tandem.persistence..";
    private static final String TENANT = "dev.tandem.tenant..";
    private static final String ADMIN = "dev.tandem.admin..";
    private static final String IDENTITY = "dev.tandem.identity..";
    private static final String PRESENCE = "dev.tandem.presence..";
    private static final String CLUSTER = "dev.tandem.cluster..";
    private static final String INTERFACES = "dev.tandem.interfaces..";
    private static final String REST = "dev.tandem.interfaces.rest..";
    private static final String REALTIME = "dev.tandem.interfaces.realtime..";
    private static final String RT = "dev.tandem.interfaces.realtime.";

    /** The realtime adapters of the capabilities: each builds on the realtime machinery, none on another. */
    private static final List<String> ADAPTERS = List.of("model", "chat", "activity", "presence", "identity");

    /** The capabilities and their foundations: none of them knows a delivery channel. */
    private static final String[] CAPABILITIES = {
        OT,
        "dev.tandem.model..",
        "dev.tandem.chat..",
        "dev.tandem.activity..",
        PRESENCE,
        CLUSTER,
        IDENTITY,
        TENANT,
        ADMIN,
        SECURITY,
        PERSISTENCE,
        COMMON
    };

    private static JavaClasses tandem;

    // Import the compiled main classes directly: scanning the whole classpath takes much longer.
    @BeforeAll
    static void importClasses() {
        tandem = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classesRoot().resolve("dev/tandem"));
    }

    private static Path classesRoot() {
        try {
            return Path.of(TandemVersion.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- ot: the pure core ---

    @Test
    void otImportsNothingFromJakartaOrJavax() {
        noClasses()
                .that()
                .resideInAPackage(OT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax..")
                .check(tandem);
    }

    @Test
    void otImportsNoOtherTandemPackage() {
        noClasses()
                .that()
                .resideInAPackage(OT)
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(OT, "java..")
                .check(tandem);
    }

    @Test
    void otSubpackagesAreFreeOfCycles() {
        slices().matching("dev.tandem.ot.(*)..").should().beFreeOfCycles().check(tandem);
    }

    @Test
    void otValuesKnowNothingOfOperations() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.ot.value..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.tandem.ot.value..", "java..")
                .check(tandem);
    }

    // --- foundations ---

    @Test
    void commonDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage(COMMON)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(COMMON, "java..")
                .check(tandem);
    }

    @Test
    void securityDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage(SECURITY)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(SECURITY, "java..", "javax.crypto..")
                .check(tandem);
    }

    @Test
    void persistenceImportsNoOtherTandemPackage() {
        noClasses()
                .that()
                .resideInAPackage(PERSISTENCE)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.tandem..").and(resideOutsideOfPackages(PERSISTENCE)))
                .check(tandem);
    }

    @Test
    void tenantBuildsOnPersistenceSecurityAndCommonOnly() {
        noClasses()
                .that()
                .resideInAPackage(TENANT)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.tandem..")
                        .and(resideOutsideOfPackages(TENANT, PERSISTENCE, SECURITY, COMMON)))
                .check(tandem);
    }

    @Test
    void adminBuildsOnTenantPersistenceSecurityAndCommonOnly() {
        noClasses()
                .that()
                .resideInAPackage(ADMIN)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.tandem..")
                        .and(resideOutsideOfPackages(ADMIN, TENANT, PERSISTENCE, SECURITY, COMMON)))
                .check(tandem);
    }

    @Test
    void clusterBuildsOnCommonOnly() {
        noClasses()
                .that()
                .resideInAPackage(CLUSTER)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.tandem..").and(resideOutsideOfPackages(CLUSTER, COMMON)))
                .check(tandem);
    }

    /** Hazelcast's types stay in one class, loaded only when Payara's instance was found (see dev.tandem.cluster). */
    @Test
    void onlyHazelcastMembersNamesHazelcast() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.tandem.cluster.HazelcastMembers")
                .and()
                .haveNameNotMatching("dev\\.tandem\\.cluster\\.HazelcastMembers\\$.*")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.hazelcast..")
                .check(tandem);
    }

    @Test
    void presenceBuildsOnIdentityClusterAndCommonOnly() {
        noClasses()
                .that()
                .resideInAPackage(PRESENCE)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.tandem..")
                        .and(resideOutsideOfPackages(PRESENCE, IDENTITY, CLUSTER, COMMON)))
                .check(tandem);
    }

    // --- permissions: one resolver in identity, used by every kind of target ---

    private static final String RESOLVER = "dev.tandem.identity.PermissionResolver";

    /** The resolver is pure: identity's user ids and grants and the JDK; no database, no container, no capability. */
    @Test
    void thePermissionResolverIsPure() {
        classes()
                .that()
                .haveFullyQualifiedName(RESOLVER)
                .or()
                .haveNameMatching(RESOLVER.replace(".", "\\.") + "\\$.*")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tandem.identity", "java..")
                .check(tandem);
    }

    /** Chats, activities and models each keep their permission names and targets, and resolve through it. */
    @Test
    void everyKindOfTargetResolvesThroughTheOneResolver() {
        classes()
                .that()
                .haveFullyQualifiedName("dev.tandem.chat.ChatPermissions")
                .or()
                .haveFullyQualifiedName("dev.tandem.activity.ActivityPermissions")
                .or()
                .haveFullyQualifiedName("dev.tandem.model.ModelAccess")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(RESOLVER)
                .check(tandem);
    }

    // --- capabilities: the same parts in each ---

    @Test
    void chatAndActivityBuildOnIdentityTenantAdminPersistenceClusterAndCommonOnly() {
        for (String capability : List.of("dev.tandem.chat..", "dev.tandem.activity..")) {
            noClasses()
                    .that()
                    .resideInAPackage(capability)
                    .should()
                    .dependOnClassesThat(resideInAPackage("dev.tandem..")
                            .and(resideOutsideOfPackages(
                                    capability, IDENTITY, TENANT, ADMIN, PERSISTENCE, CLUSTER, COMMON)))
                    .check(tandem);
        }
    }

    // --- the model core ---

    /**
     * A live model's parts that only its writer's tasks touch ({@code ModelEdits}, {@code ModelSessions},
     * {@code ModelRoster}) are known to the live model alone: nothing outside it can reach them from another thread,
     * which is what lets a model do without locks.
     */
    @Test
    void theWriterConfinedPartsOfALiveModelAreKnownOnlyToIt() {
        noClasses()
                .that()
                .haveNameNotMatching(LIVE_MODEL_PART)
                .should()
                .dependOnClassesThat()
                .haveNameMatching("dev\\.tandem\\.model\\.(ModelEdits|ModelSessions|ModelRoster)(\\$.*)?")
                .check(tandem);
    }

    /** The live model and its writer-confined parts, nested classes included. */
    private static final String LIVE_MODEL_PART =
            "dev\\.tandem\\.model\\.(LiveModel|ModelEdits|ModelSessions|ModelRoster)(\\$.*)?";

    /**
     * The model core sends to other nodes only through the relay's link, so that its traffic counts are whole and the
     * channels are named in one place.
     */
    @Test
    void theModelCoreSendsToOtherNodesOnlyThroughTheRelayLink() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.model..")
                .and()
                .doNotHaveFullyQualifiedName("dev.tandem.model.RelayLink")
                .should()
                .callMethod(ClusterMembership.class, "send", String.class, String.class, byte[].class)
                .check(tandem);
    }

    // --- stores: known by their interfaces ---

    /**
     * A capability's JDBC store ({@code JdbcXStore} and its helpers, named {@code Jdbc...}) is known only to CDI and
     * to the other JDBC classes: services, the model core and the interfaces inject the store's interface, so a test
     * can give them one in memory.
     */
    @Test
    void onlyJdbcClassesKnowTheJdbcStores() {
        noClasses()
                .that()
                .haveNameNotMatching(JDBC_CLASS)
                .should()
                .dependOnClassesThat()
                .haveNameMatching(JDBC_CLASS)
                .check(tandem);
    }

    /** A class named {@code Jdbc...} (nested ones included) in a capability, not the helper in {@code persistence}. */
    private static final String JDBC_CLASS = "dev\\.tandem\\.(?!persistence\\.)[a-z.]*\\.Jdbc[^.]*";

    /**
     * The JPA stores ({@code JpaDomainRepository}, {@code JpaServerUserRepository}...) alone hold an entity manager
     * and write JPQL: services keep their logic and transactions and ask a store interface for rows.
     */
    @Test
    void onlyJpaStoresUseTheEntityManager() {
        noClasses()
                .that()
                .haveNameNotMatching(JPA_CLASS)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        EntityManager.class,
                        EntityManagerFactory.class,
                        PersistenceContext.class,
                        Query.class,
                        TypedQuery.class)
                .check(tandem);
    }

    /** Like the JDBC stores: services, other capabilities and the interfaces know a JPA store by its interface. */
    @Test
    void onlyJpaClassesKnowTheJpaStores() {
        noClasses()
                .that()
                .haveNameNotMatching(JPA_CLASS)
                .should()
                .dependOnClassesThat()
                .haveNameMatching(JPA_CLASS)
                .check(tandem);
    }

    /** A class named {@code Jpa...} (nested ones included). */
    private static final String JPA_CLASS = "dev\\.tandem\\.[a-z.]*\\.Jpa[^.]*";

    // --- capabilities and delivery channels ---

    @Test
    void capabilitiesNeverImportTheInterfaces() {
        noClasses()
                .that()
                .resideInAnyPackage(CAPABILITIES)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(INTERFACES)
                .check(tandem);
    }

    @Test
    void nothingInTheApplicationDependsOnTheLauncher() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.tandem.launcher..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.tandem.launcher..")
                .check(tandem);
    }

    @Test
    void noEnterpriseBeans() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.tandem.persistence.ConfiguredDataSources")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ejb..")
                .because("WildFly's standalone-microprofile.xml has no EJB container: start-up work observes CDI's"
                        + " @Initialized(ApplicationScoped.class) (DatabaseSchema), periodic work runs on Jakarta"
                        + " Concurrency's managed scheduled executor (ExpiredTokenPurge); only the WAR's own data"
                        + " source definitions, which the EAR leaves out, sit on an EJB")
                .check(tandem);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("dev.tandem.(*)..").should().beFreeOfCycles().check(tandem);
    }

    @Test
    void interfacesAreFreeOfCycles() {
        slices().matching("dev.tandem.interfaces.(*)..")
                .should()
                .beFreeOfCycles()
                .check(tandem);
    }

    @Test
    void realtimeNeverImportsRest() {
        noClasses()
                .that()
                .resideInAPackage(REALTIME)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(REST)
                .check(tandem);
    }

    /**
     * REST reads the realtime side only for status and settings: the connection registry and settings
     * ({@code connection}) and the state of the Tyrus workarounds ({@code transport}); never its messages.
     */
    @Test
    void restReadsRealtimeOnlyThroughConnectionAndTransport() {
        noClasses()
                .that()
                .resideInAPackage(REST)
                .should()
                .dependOnClassesThat(resideInAPackage(REALTIME)
                        .and(resideOutsideOfPackages(RT + "connection..", RT + "transport..")))
                .check(tandem);
    }

    @Test
    void generatedProtobufClassesStayInTheRealtimeTree() {
        noClasses()
                .that()
                .resideOutsideOfPackage(REALTIME)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RT + "proto..")
                .check(tandem);
    }

    // --- the realtime tree: wire < connection < dispatch < handshake < transport; adapters beside transport ---

    @Test
    void realtimeSubpackagesAreFreeOfCycles() {
        slices().matching("dev.tandem.interfaces.realtime.(*)..")
                .should()
                .beFreeOfCycles()
                .check(tandem);
    }

    @Test
    void wireIsTheBottomOfTheRealtimeTree() {
        realtimePackageDoesNotDependOn("wire", "connection", "dispatch", "handshake", "transport");
    }

    @Test
    void generationsKnowOnlyTheGeneratedSchemas() {
        // The codecs sit under connection: they translate frames, whatever reads or sends them.
        realtimePackageDoesNotDependOn("generation", "wire", "connection", "dispatch", "handshake", "transport");
        realtimePackageDoesNotDependOn("generation", ADAPTERS.toArray(String[]::new));
    }

    @Test
    void onlyTheCodecsKnowOlderGenerations() {
        // Everything past the codec handles the server's own messages (G7), whichever client it serves.
        noClasses()
                .that()
                .resideOutsideOfPackage(RT + "generation..")
                .and()
                .resideOutsideOfPackage(RT + "proto.g6..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RT + "proto.g6..")
                .check(tandem);
    }

    @Test
    void connectionKnowsNeitherDispatchNorHandshakeNorTransport() {
        realtimePackageDoesNotDependOn("connection", "dispatch", "handshake", "transport");
    }

    @Test
    void dispatchKnowsNeitherHandshakeNorTransport() {
        realtimePackageDoesNotDependOn("dispatch", "handshake", "transport");
    }

    @Test
    void handshakeKnowsNoTransport() {
        realtimePackageDoesNotDependOn("handshake", "transport");
    }

    @Test
    void onlyTransportKnowsTheTransport() {
        noClasses()
                .that()
                .resideInAPackage(REALTIME)
                .and()
                .resideOutsideOfPackage(RT + "transport..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RT + "transport..")
                .check(tandem);
    }

    @Test
    void machineryKnowsNoCapabilityAdapter() {
        for (String machinery : List.of("wire", "connection", "dispatch", "handshake", "transport")) {
            realtimePackageDoesNotDependOn(machinery, ADAPTERS.toArray(String[]::new));
        }
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            realtimePackageDoesNotDependOn(
                    adapter,
                    ADAPTERS.stream().filter(other -> !other.equals(adapter)).toArray(String[]::new));
        }
    }

    private static void realtimePackageDoesNotDependOn(String from, String... to) {
        String[] targets = new String[to.length];
        for (int i = 0; i < to.length; i++) {
            targets[i] = RT + to[i] + "..";
        }
        noClasses()
                .that()
                .resideInAPackage(RT + from + "..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(targets))
                .check(tandem);
    }
}
