package io.rastro;

import static io.rastro.platform.Role.ALL;
import static io.rastro.platform.Role.INGEST;
import static io.rastro.platform.Role.QUERY;

import io.rastro.platform.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * Which parts of Rastro each role runs ({@code rastro.role}): the one place that decides. A part is
 * a set of packages or classes; the component scan leaves out every part the role does not run.
 * Whatever no part names (the platform, the outbox, each module's events and public types, the
 * security filters) runs in every role.
 *
 * <pre>
 *   all     everything, in one process, on one database (the default)
 *   ingest  the write API, the write-ahead queue, the writers, the relay to the bus, webhooks, the
 *           change feed, the archive, key administration
 *   query   the read API, the projection, search and analytics, fed by the bus on a database of
 *           its own, with the API keys the bus brings
 * </pre>
 *
 * <p>The read-model check runs in both: in {@code all} in one database, in {@code query} against
 * the ingest role's digests of the write model. What rebuilds the read model from the write model
 * (the rebuild, the materialized view) or recomputes analytics from it needs both in one database,
 * so only {@code all} runs it for now. The first part that names a class is its part.
 */
public final class RoleLayout implements TypeFilter, EnvironmentAware {

  /**
   * A part of Rastro.
   *
   * @param name what it is, for the answers that name where a request is served
   * @param roles the roles that run it
   * @param members packages (with their subpackages) and classes, by name
   */
  public record Part(String name, Set<Role> roles, List<String> members) {

    boolean contains(String className) {
      return members.stream()
          .anyMatch(
              m -> className.equals(m) || className.startsWith(m + ".") || inner(className, m));
    }

    private static boolean inner(String className, String member) {
      return className.startsWith(member + "$");
    }
  }

  private static final Set<Role> WRITE = EnumSet.of(ALL, INGEST);
  private static final Set<Role> READ = EnumSet.of(ALL, QUERY);

  /** The parts, in the order a reader would go through them. */
  public static final List<Part> PARTS =
      List.of(
          new Part(
              "the write API",
              WRITE,
              List.of(
                  "io.rastro.customer.commands",
                  "io.rastro.customer.queries",
                  "io.rastro.carrier.commands",
                  "io.rastro.carrier.queries",
                  "io.rastro.shipment.commands",
                  "io.rastro.shipment.internal",
                  "io.rastro.tracking.commands",
                  "io.rastro.tracking.internal",
                  "io.rastro.tracking.web.UnmatchedEventsController")),
          new Part("the write-ahead queue and its workers", WRITE, List.of("io.rastro.ingest")),
          new Part(
              "the relay from the outbox to the bus, and its replay",
              WRITE,
              List.of(
                  "io.rastro.outbox.OutboxRelay", "io.rastro.outbox.bus.OutboxReplayController")),
          new Part(
              "the administration of API keys",
              WRITE,
              List.of(
                  "io.rastro.security.commands",
                  "io.rastro.security.queries",
                  "io.rastro.security.internal.BootstrapAdminKey")),
          new Part("webhooks", WRITE, List.of("io.rastro.webhooks")),
          new Part("the change feed", WRITE, List.of("io.rastro.feed")),
          new Part(
              "the archive's runs and restores",
              WRITE,
              List.of(
                  "io.rastro.archive.internal.Archiver",
                  "io.rastro.archive.internal.ArchiveSchedule",
                  "io.rastro.archive.internal.ArchiveAdminController",
                  "io.rastro.archive.internal.ShipmentRestorer",
                  "io.rastro.archive.internal.WriteModelRows")),
          new Part(
              "the read model's rebuild and materialized view, and the analytics check, which"
                  + " read the write model in the same database",
              EnumSet.of(ALL),
              List.of(
                  "io.rastro.shipmentview.refresh.ReadModelAdminController",
                  "io.rastro.shipmentview.refresh.SameDatabaseCheck",
                  "io.rastro.shipmentview.projection.ProjectionRebuild",
                  "io.rastro.analytics.queries.AnalyticsCheck",
                  "io.rastro.analytics.queries.AnalyticsAdminController")),
          new Part(
              "the write model's side of the read-model check",
              WRITE,
              List.of(
                  "io.rastro.shipmentview.refresh.ShipmentDetailsRefresher",
                  "io.rastro.shipmentview.refresh.WriteModelController")),
          new Part(
              "what the read-model check compares, read on either side",
              EnumSet.allOf(Role.class),
              List.of("io.rastro.shipmentview.refresh.Compared")),
          new Part(
              "the read-model check across two databases",
              EnumSet.of(QUERY),
              List.of("io.rastro.shipmentview.refresh.AcrossDatabasesCheck")),
          new Part("the read model", READ, List.of("io.rastro.shipmentview", "io.rastro.ops")),
          new Part("search", READ, List.of("io.rastro.search")),
          new Part("analytics", READ, List.of("io.rastro.analytics")),
          new Part(
              "the API keys the bus brings",
              EnumSet.of(QUERY),
              List.of("io.rastro.security.replica")));

  private Role role = ALL;

  /** The part a class belongs to, if any names it: a class no part names runs in every role. */
  public static Optional<Part> partOf(String className) {
    return PARTS.stream().filter(p -> p.contains(className)).findFirst();
  }

  /** Whether this role runs this class. */
  public static boolean runs(Role role, String className) {
    return partOf(className).map(p -> p.roles().contains(role)).orElse(true);
  }

  @Override
  public void setEnvironment(Environment environment) {
    role = Role.of(environment);
    if (role == ALL) {
      return;
    }
    var bus = environment.getProperty("rastro.events.bus", "embedded");
    if (!bus.toLowerCase(Locale.ROOT).equals("rabbitmq")) {
      throw new IllegalStateException(
          "rastro.role=%s needs rastro.events.bus=rabbitmq: the split roles meet only on the bus (it is %s)"
              .formatted(role.setting(), bus));
    }
    var mode = environment.getProperty("rastro.read-model.mode", "projection");
    if (!mode.toLowerCase(Locale.ROOT).equals("projection")) {
      throw new IllegalStateException(
          ("rastro.role=%s needs rastro.read-model.mode=projection: a materialized view reads the"
                  + " write model, which a query role's database does not hold (it is %s)")
              .formatted(role.setting(), mode));
    }
  }

  /** Leaves out of the component scan every class this role does not run. */
  @Override
  public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
    return !runs(role, reader.getClassMetadata().getClassName());
  }
}
