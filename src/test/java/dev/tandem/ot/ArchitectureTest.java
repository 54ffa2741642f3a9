package dev.tandem.ot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.tandem.ot.value.ModelTree;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The OT core depends on the JDK only: no Jakarta, no javax, no other Tandem package. */
class ArchitectureTest {

    // Import the compiled OT classes directly: scanning the whole classpath for the package takes
    // seconds.
    private final JavaClasses ot =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(classesOf(ModelTree.class));

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("dev/tandem/ot");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsNothingFromJakartaOrJavax() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.ot..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta..", "javax..")
                .check(ot);
    }

    @Test
    void importsNoOtherTandemPackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.ot..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.tandem.ot..", "java..")
                .check(ot);
    }
}
