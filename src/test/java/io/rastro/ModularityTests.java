package io.rastro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold: checked here, not by review. */
class ModularityTests {

  private static final ApplicationModules MODULES = ApplicationModules.of(RastroApplication.class);
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.rastro");

  @Test
  void modulesUseOnlyEachOthersApiAndFormNoCycle() {
    MODULES.verify();
  }

  @Test
  void queriesNeverReachIntoTheCommandSide() {
    noClasses()
        .that()
        .resideInAPackage("..queries..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..commands..", "..internal..")
        .check(CLASSES);
  }

  @Test
  void thePlatformImportsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.rastro.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rastro.customer..",
            "io.rastro.carrier..",
            "io.rastro.shipment..",
            "io.rastro.tracking..",
            "io.rastro.shipmentview..")
        .check(CLASSES);
  }
}
