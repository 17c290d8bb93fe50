package io.rastro.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes while a scenario runs: the machine's CPU by process (Rastro's JVM, its
 * PostgreSQL, the load generator, the rest; from {@code /proc}), and where Rastro's JVM spends its
 * CPU, from a Java Flight Recorder recording started and stopped with {@code jcmd}.
 */
final class Profile {

  /** The share of samples or of the machine's CPU one thing took, in percent. */
  record Share(String what, double percent) {}

  /**
   * What a profiled scenario cost.
   *
   * @param cpu the machine's CPU by process, in percent of all its cores over the scenario
   * @param layers Rastro's JVM's CPU samples by the library running (JDK code counted to its
   *     caller)
   * @param methods the methods most often on top of the stack (self time)
   * @param rastro the Rastro methods most often on the stack (time in them and what they call)
   * @param statements the SQL statements that took most of the database's execution time (from
   *     {@code pg_stat_statements}); empty when the database does not load it
   */
  record Result(
      String scenario,
      List<Share> cpu,
      List<Share> layers,
      List<Share> methods,
      List<Share> rastro,
      List<Share> statements) {}

  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final long rastroPid;
  private final String databaseUrl;
  private final Path recording;
  private final Map<Long, CpuTicks> before;
  private final long startedNanos;

  private Profile(long rastroPid, String databaseUrl, Path recording) {
    this.rastroPid = rastroPid;
    this.databaseUrl = databaseUrl;
    this.recording = recording;
    this.before = cpuTicks();
    this.startedNanos = System.nanoTime();
  }

  /**
   * Starts recording Rastro's JVM (process {@code rastroPid}), counting CPU and, where the database
   * loads {@code pg_stat_statements}, its statements.
   */
  static Profile start(long rastroPid, String databaseUrl, Path recording) {
    Statements.reset(databaseUrl);
    jcmd(rastroPid, "JFR.start", "name=bench", "settings=default");
    return new Profile(rastroPid, databaseUrl, recording);
  }

  /** Stops recording and sums up what was spent since {@link #start}. */
  Result stop(String scenario) {
    var seconds = (System.nanoTime() - startedNanos) / 1e9;
    var after = cpuTicks();
    jcmd(rastroPid, "JFR.stop", "name=bench", "filename=" + recording.toAbsolutePath());
    var samples = Samples.of(recording);
    return new Result(
        scenario,
        cpuShares(before, after, rastroPid, ProcessHandle.current().pid(), seconds),
        samples.top(Profile::library, 8),
        samples.top(Profile::running, 12),
        samples.topRastro(10),
        Statements.top(databaseUrl, 8));
  }

  /** The database's own account of its time, from {@code pg_stat_statements}. */
  static final class Statements {

    private Statements() {}

    static void reset(String url) {
      try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
          var statement = connection.createStatement()) {
        statement.execute("create extension if not exists pg_stat_statements");
        statement.execute("select pg_stat_statements_reset()");
      } catch (java.sql.SQLException e) {
        System.out.println("No statement statistics: " + e.getMessage());
      }
    }

    /**
     * The statements with the most execution time since {@link #reset}, each with its share of all
     * statements' time, its calls and its mean time.
     */
    static List<Share> top(String url, int limit) {
      var top = new java.util.ArrayList<Share>();
      try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
          var statement = connection.createStatement();
          var rows =
              statement.executeQuery(
                  """
                  select query, calls, total_exec_time, mean_exec_time,
                         100 * total_exec_time / sum(total_exec_time) over () as share
                  from pg_stat_statements where dbid = (select oid from pg_database
                                                         where datname = current_database())
                  order by total_exec_time desc
                  """)) {
        while (rows.next() && top.size() < limit) {
          var query = rows.getString("query").replaceAll("\\s+", " ").strip();
          top.add(
              new Share(
                  "%s (%,d calls, %.2f ms each)"
                      .formatted(
                          query.length() > 90 ? query.substring(0, 90) + " …" : query,
                          rows.getLong("calls"),
                          rows.getDouble("mean_exec_time")),
                  rows.getDouble("share")));
        }
      } catch (java.sql.SQLException e) {
        // not loaded: nothing to report
      }
      return top;
    }
  }

  /** A process's name, CPU time so far in clock ticks, and parent. */
  record CpuTicks(String name, long ticks, long parent) {

    CpuTicks(String name, long ticks) {
      this(name, ticks, 0);
    }
  }

  /**
   * CPU time in microseconds that these processes spent between two readings; a process started in
   * between counts from nothing.
   */
  static double cpuMicros(Map<Long, CpuTicks> before, Map<Long, CpuTicks> after, Set<Long> pids) {
    long ticks = 0;
    for (var pid : pids) {
      var now = after.get(pid);
      if (now != null) {
        var then = before.get(pid);
        ticks += now.ticks() - (then == null ? 0 : then.ticks());
      }
    }
    return ticks * 1e6 / TICKS_PER_SECOND;
  }

  /** A process and its children (a PostgreSQL postmaster and its backends and workers). */
  static Set<Long> family(Map<Long, CpuTicks> processes, long root) {
    var pids = new java.util.HashSet<Long>();
    pids.add(root);
    processes.forEach(
        (pid, p) -> {
          if (p.parent() == root) {
            pids.add(pid);
          }
        });
    return pids;
  }

  /**
   * The postmaster of the PostgreSQL at {@code url}: the parent of the backend serving a connection
   * to it.
   */
  static long postmaster(String url) {
    try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var rows = statement.executeQuery("select pg_backend_pid()")) {
      rows.next();
      var backend = cpuTicks().get(rows.getLong(1));
      if (backend == null) {
        throw new IllegalStateException("PostgreSQL's backend is not a process of this machine");
      }
      return backend.parent();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<Long, CpuTicks> cpuTicks() {
    var ticks = new HashMap<Long, CpuTicks>();
    try (var processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                try {
                  var stat = Files.readString(p.resolve("stat"));
                  // pid (comm) state ppid ... field 14 utime, 15 stime; comm may hold spaces
                  var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                  var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                  ticks.put(
                      Long.parseLong(p.getFileName().toString()),
                      new CpuTicks(
                          name,
                          Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                          Long.parseLong(fields[1])));
                } catch (IOException | RuntimeException e) {
                  // the process ended meanwhile
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ticks;
  }

  /**
   * Each kind of process's CPU between two readings, in percent of the machine (all cores over the
   * interval), plus what was left idle.
   */
  static List<Share> cpuShares(
      Map<Long, CpuTicks> before,
      Map<Long, CpuTicks> after,
      long rastroPid,
      long generatorPid,
      double seconds) {
    var capacity = seconds * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors();
    var used = new LinkedHashMap<String, Double>();
    List.of("Rastro (JVM)", "PostgreSQL", "load generator (harness JVM)", "everything else")
        .forEach(kind -> used.put(kind, 0.0));
    after.forEach(
        (pid, now) -> {
          var then = before.get(pid);
          var spent = now.ticks() - (then == null ? 0 : then.ticks());
          var kind =
              pid == rastroPid
                  ? "Rastro (JVM)"
                  : pid == generatorPid
                      ? "load generator (harness JVM)"
                      : now.name().startsWith("postgres") ? "PostgreSQL" : "everything else";
          used.merge(kind, spent * 100.0 / capacity, Double::sum);
        });
    var shares =
        used.entrySet().stream()
            .map(e -> new Share(e.getKey(), e.getValue()))
            .collect(Collectors.toList());
    shares.add(
        new Share("idle", Math.max(0, 100 - shares.stream().mapToDouble(Share::percent).sum())));
    return shares;
  }

  /** The Java stacks a recording sampled while threads ran Java code. */
  record Samples(List<List<RecordedFrame>> stacks) {

    static Samples of(Path recording) {
      try {
        var stacks =
            RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
                .filter(e -> e.getStackTrace() != null && !e.getStackTrace().getFrames().isEmpty())
                .map(e -> e.getStackTrace().getFrames())
                .toList();
        return new Samples(stacks);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The share of samples in each group of stacks, largest first. */
    List<Share> top(Function<List<RecordedFrame>, String> group, int limit) {
      var counts = stacks.stream().collect(Collectors.groupingBy(group, Collectors.counting()));
      return largest(counts, limit);
    }

    /** The share of samples in which each Rastro method is on the stack, largest first. */
    List<Share> topRastro(int limit) {
      var counts = new HashMap<String, Long>();
      for (var stack : stacks) {
        stack.stream()
            .filter(f -> f.getMethod().getType().getName().startsWith("io.rastro."))
            .map(Profile::method)
            .distinct()
            .forEach(m -> counts.merge(m, 1L, Long::sum));
      }
      return largest(counts, limit);
    }

    private List<Share> largest(Map<String, Long> counts, int limit) {
      return counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .limit(limit)
          .map(e -> new Share(e.getKey(), e.getValue() * 100.0 / Math.max(1, stacks.size())))
          .toList();
    }
  }

  static String method(RecordedFrame frame) {
    var type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  /** The method on top of a stack: where the sampled thread was. */
  static String running(List<RecordedFrame> stack) {
    return method(stack.getFirst());
  }

  /**
   * The library whose code a stack was running, the JDK's code (collections, strings, time) counted
   * to the library that called it.
   */
  static String library(List<RecordedFrame> stack) {
    return stack.stream()
        .map(Profile::layer)
        .filter(layer -> !layer.equals("JDK"))
        .findFirst()
        .orElse("JDK");
  }

  private static String layer(RecordedFrame frame) {
    var type = frame.getMethod().getType().getName();
    return LAYERS.entrySet().stream()
        .filter(e -> type.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("other");
  }

  private static final Map<String, String> LAYERS = layers();

  private static Map<String, String> layers() {
    var layers = new LinkedHashMap<String, String>();
    layers.put("io.rastro.", "Rastro");
    layers.put("org.postgresql.", "PostgreSQL JDBC driver");
    layers.put("com.zaxxer.hikari.", "connection pool (HikariCP)");
    layers.put("tools.jackson.", "JSON (Jackson)");
    layers.put("com.fasterxml.jackson.", "JSON (Jackson)");
    layers.put("org.apache.tomcat.", "HTTP server (Tomcat)");
    layers.put("org.apache.coyote.", "HTTP server (Tomcat)");
    layers.put("org.apache.catalina.", "HTTP server (Tomcat)");
    layers.put("org.springframework.security.", "Spring Security");
    layers.put("org.springframework.", "Spring");
    layers.put("io.micrometer.", "metrics (Micrometer)");
    layers.put("org.hibernate.validator.", "validation (Hibernate Validator)");
    layers.put("jakarta.", "Jakarta APIs");
    layers.put("ch.qos.logback.", "logging");
    layers.put("org.slf4j.", "logging");
    layers.put("java.", "JDK");
    layers.put("javax.", "JDK");
    layers.put("jdk.", "JDK");
    layers.put("sun.", "JDK");
    return layers;
  }

  private static void jcmd(long pid, String... command) {
    var line = new java.util.ArrayList<String>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    try {
      var process = new ProcessBuilder(line).redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
