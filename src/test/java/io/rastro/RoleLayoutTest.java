package io.rastro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.rastro.platform.Role;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.stereotype.Controller;

/** What each role runs: {@link RoleLayout}, the one place that decides it. */
class RoleLayoutTest {

  private static final List<JavaClass> CLASSES =
      new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("io.rastro")
              .stream()
              .toList();

  /** A renamed package or class would otherwise run in every role, silently. */
  @Test
  void everyPartNamesCodeThatExists() {
    for (var part : RoleLayout.PARTS) {
      for (var member : part.members()) {
        assertThat(CLASSES)
            .as("%s names %s", part.name(), member)
            .anyMatch(c -> c.getName().equals(member) || c.getName().startsWith(member + "."))
            .isNotNull();
      }
    }
  }

  @Test
  void writesRunInIngestAndReadsInQuery() {
    assertThat(roles("io.rastro.shipment.commands.CreateShipmentController"))
        .containsExactlyInAnyOrder(Role.ALL, Role.INGEST);
    assertThat(roles("io.rastro.tracking.internal.TrackingEventWriter"))
        .containsExactlyInAnyOrder(Role.ALL, Role.INGEST);
    assertThat(roles("io.rastro.outbox.OutboxRelay$Inner"))
        .containsExactlyInAnyOrder(Role.ALL, Role.INGEST);
    assertThat(roles("io.rastro.shipmentview.queries.ShipmentQueryController"))
        .containsExactlyInAnyOrder(Role.ALL, Role.QUERY);
    assertThat(roles("io.rastro.search.indexing.SearchIndexer"))
        .containsExactlyInAnyOrder(Role.ALL, Role.QUERY);
    // the events, the outbox and the security filters: everywhere
    assertThat(roles("io.rastro.outbox.EventCatalog")).containsExactlyInAnyOrder(Role.values());
    assertThat(roles("io.rastro.security.internal.ApiKeyFilter"))
        .containsExactlyInAnyOrder(Role.values());
    // the keys the bus brings: only where the write model is not
    assertThat(roles("io.rastro.security.replica.ApiKeyReplica")).containsExactly(Role.QUERY);
  }

  /**
   * Every controller runs in {@code all}; the split roles between them serve all of them but what
   * compares or rebuilds the read model from the write model.
   */
  @Test
  void theSplitRolesTogetherServeEveryControllerButThoseThatNeedOneDatabase() {
    var controllers =
        CLASSES.stream()
            .filter(
                c -> c.isAnnotatedWith(Controller.class) || c.isMetaAnnotatedWith(Controller.class))
            .map(JavaClass::getName)
            .toList();
    assertThat(controllers).hasSizeGreaterThan(20);
    var onlyInAll =
        controllers.stream()
            .filter(c -> !RoleLayout.runs(Role.INGEST, c) && !RoleLayout.runs(Role.QUERY, c))
            .toList();
    assertThat(onlyInAll)
        .containsExactlyInAnyOrder(
            "io.rastro.shipmentview.refresh.ReadModelAdminController",
            "io.rastro.analytics.queries.AnalyticsAdminController");
    assertThat(controllers).allMatch(c -> RoleLayout.runs(Role.ALL, c));
  }

  @Test
  void theRoleIsReadLeniently() {
    assertThat(Role.of(new MockEnvironment())).isEqualTo(Role.ALL);
    assertThat(Role.of(new MockEnvironment().withProperty("rastro.role", "Query")))
        .isEqualTo(Role.QUERY);
  }

  @Test
  void aSplitRoleNeedsTheBusAndTheProjection() {
    var layout = new RoleLayout();
    assertThatThrownBy(
            () ->
                layout.setEnvironment(new MockEnvironment().withProperty("rastro.role", "ingest")))
        .hasMessage(
            "rastro.role=ingest needs rastro.events.bus=rabbitmq: the split roles meet only on the"
                + " bus (it is embedded)");
    assertThatThrownBy(
            () ->
                layout.setEnvironment(
                    new MockEnvironment()
                        .withProperty("rastro.role", "query")
                        .withProperty("rastro.events.bus", "rabbitmq")
                        .withProperty("rastro.read-model.mode", "materialized-view")))
        .hasMessageContaining("rastro.role=query needs rastro.read-model.mode=projection");
    layout.setEnvironment(
        new MockEnvironment()
            .withProperty("rastro.role", "query")
            .withProperty("rastro.events.bus", "rabbitmq"));
  }

  private static EnumSet<Role> roles(String className) {
    var roles = EnumSet.noneOf(Role.class);
    for (var role : Role.values()) {
      if (RoleLayout.runs(role, className)) {
        roles.add(role);
      }
    }
    return roles;
  }
}
