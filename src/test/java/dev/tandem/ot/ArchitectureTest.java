package dev.tandem.ot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The OT core depends on the JDK only: no Jakarta, no javax, no other Tandem package. */
class ArchitectureTest {

  private final JavaClasses ot = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.tandem.ot");

  @Test
  void importsNothingFromJakartaOrJavax() {
    noClasses().that().resideInAPackage("dev.tandem.ot..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..")
        .check(ot);
  }

  @Test
  void importsNoOtherTandemPackage() {
    noClasses().that().resideInAPackage("dev.tandem.ot..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.tandem.ot..", "java..")
        .check(ot);
  }
}
