package dev.tandem.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * persistence.xml lists its managed classes and excludes the rest, so that EclipseLink does not read each of the
 * WAR's classes at every start to look for entities (README, Startup). A new entity must be listed: this checks that
 * the list is exactly the application's {@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass} and
 * {@code @Converter} classes.
 */
class PersistenceUnitListTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> MANAGED =
            List.of(Entity.class, Embeddable.class, MappedSuperclass.class, Converter.class);

    @Test
    void listsExactlyTheManagedClasses() throws Exception {
        String xml = persistenceXml();
        assertTrue(
                xml.contains("<exclude-unlisted-classes>true</exclude-unlisted-classes>"),
                "persistence.xml should exclude unlisted classes");
        assertEquals(managedClasses(), listedClasses(xml));
    }

    private static String persistenceXml() throws IOException {
        try (InputStream in =
                PersistenceUnitListTest.class.getClassLoader().getResourceAsStream("META-INF/persistence.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> listedClasses(String xml) {
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("<class>\\s*([^<\\s]+)\\s*</class>").matcher(xml);
        while (m.find()) {
            listed.add(m.group(1));
        }
        return listed;
    }

    /** The application's classes (the folder that holds the compiled main classes) carrying a JPA annotation. */
    private static Set<String> managedClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(InstantConverter.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> managed = new TreeSet<>();
        List<String> names;
        try (Stream<Path> files = Files.walk(root.resolve("dev/tandem"))) {
            names = files.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".class"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        ClassLoader loader = PersistenceUnitListTest.class.getClassLoader();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            if (MANAGED.stream().anyMatch(type::isAnnotationPresent)) {
                managed.add(name);
            }
        }
        assertTrue(managed.size() > 10, "found only " + managed + " under " + root);
        return managed;
    }
}
