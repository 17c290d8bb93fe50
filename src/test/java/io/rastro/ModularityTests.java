package io.rastro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries hold: checked here, not by review. */
class ModularityTests {

  private static final ApplicationModules MODULES = ApplicationModules.of("io.rastro");
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
  void thePlatformImportsNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.rastro.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(modulesBut("platform"))
        .check(CLASSES);
  }

  @Test
  void theOutboxNamesNoFeature() {
    noClasses()
        .that()
        .resideInAPackage("io.rastro.outbox..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(modulesBut("platform", "outbox"))
        .check(CLASSES);
  }

  /** The rules above cover every module there is, and name two that exist. */
  @Test
  void theRulesNameRealModules() {
    assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
        .contains("platform", "outbox");
  }

  /** The package patterns of every module but these. */
  private static String[] modulesBut(String... excluded) {
    var skip = Set.of(excluded);
    return MODULES.stream()
        .filter(module -> !skip.contains(module.getIdentifier().toString()))
        .map(module -> module.getBasePackage().getName() + "..")
        .toArray(String[]::new);
  }
}
