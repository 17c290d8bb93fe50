package io.rastro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold: checked here, not by review. */
class ModularityTests {

  private static final ApplicationModules MODULES = ApplicationModules.of(RastroApplication.class);

  @Test
  void modulesUseOnlyEachOthersApiAndFormNoCycle() {
    MODULES.verify();
  }

  @Test
  void queriesNeverReachIntoTheCommandSide() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rastro");

    noClasses()
        .that()
        .resideInAPackage("..queries..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..commands..", "..internal..")
        .check(classes);
  }

  @Test
  void thePlatformImportsNoFeature() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rastro");

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
        .check(classes);
  }
}
