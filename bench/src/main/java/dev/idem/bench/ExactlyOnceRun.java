package dev.idem.bench;

import dev.idem.bench.Observed.BusEvent;
import dev.idem.bench.Observed.OrderRow;
import dev.idem.local.LocalCloud;
import dev.idem.local.ProjectConfig;
import dev.idem.local.faults.FaultPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One exactly-once audit on its own local cloud, step by step: {@link #start} (the cloud on the
 * run's template and seed, the auditor's subscription to the bus, the initial stock read, then the
 * faults installed), {@link #drive} (the clients), {@link #settle} (until nothing is left to
 * happen, or a deadline; the faults stay in force, since most of the work downstream of the API
 * happens after the last answer, and are cleared at the end), {@link #observe} and {@link #check}.
 * The cloud stays up until {@link #close()}, so a test can plant violations and check again.
 */
final class ExactlyOnceRun implements AutoCloseable {

  /**
   * How a run is set up.
   *
   * @param orders orders to place
   * @param clients concurrent clients
   * @param faults the faults to inject while the orders are placed; its seed, when it has one,
   *     seeds the decisions
   * @param visibilityTimeout the work queues' visibility timeout, or null for template.yaml's
   * @param concurrencyLimit the instance limit of each function
   * @param queueConcurrency the template's {@code QueueMaximumConcurrency}: how many invocations
   *     each SQS source drives at most
   * @param shortTimeout how long an impatient client's first attempt waits
   * @param stallLimit how long settling may go on without progress (an order becoming terminal, an
   *     event delivered, a message sent, a queue's depth changing) before it is given up
   */
  record Settings(
      int orders,
      int clients,
      FaultPlan faults,
      Duration visibilityTimeout,
      int concurrencyLimit,
      int queueConcurrency,
      Duration shortTimeout,
      Duration stallLimit) {}

  /**
   * How settling went.
   *
   * @param settled whether everything settled before the deadline
   * @param took from the last answer to settled (or to the deadline)
   */
  record Settling(boolean settled, Duration took) {}

  static final Duration POLL = Duration.ofSeconds(3);

  /** The longest settling, progress or not. */
  static final Duration SETTLE_CAP = Duration.ofMinutes(20);

  /** How long the clients retry one key before giving up on it. */
  static final Duration KEY_DEADLINE = Duration.ofMinutes(3);

  /** The longest wait for the leases of records still in progress before the last reads. */
  static final Duration LONGEST_LEASE_WAIT = Duration.ofSeconds(60);

  private final Settings settings;
  private final LocalCloud cloud;
  private final AuditTrail trail;
  private final ObservedReader reader;
  private final OrdersApi api;
  private final Map<String, Long> initialStock;
  private final PrintStream progress;

  private ExactlyOnceRun(Settings settings, LocalCloud cloud, PrintStream progress) {
    this.settings = settings;
    this.cloud = cloud;
    this.progress = progress;
    this.api = new OrdersApi(cloud.apiUrl().orElseThrow());
    this.reader = new ObservedReader(cloud, api);
    String bus = cloud.stack().stack().buses().get(0).name();
    this.trail = AuditTrail.subscribe(cloud.clients().sqs(), cloud.clients().events(), bus);
    this.initialStock = reader.stock();
  }

  /**
   * Starts the local cloud, subscribes to the bus, reads the stock, then installs the faults.
   *
   * @param console the local cloud's console
   */
  static ExactlyOnceRun start(
      ProjectFiles files, Settings settings, Consumer<String> console, PrintStream progress)
      throws IOException {
    AuditFiles audit = AuditFiles.in(files);
    Path seed = audit.seed(files, new OrderMix(settings.orders()).stock());
    Path template = audit.template(files, settings.visibilityTimeout());
    FaultPlan seedOnly =
        new FaultPlan(settings.faults().seed(), List.of(), List.of(), Duration.ZERO);
    LocalCloud.Options options =
        LocalCloud.Options.builder()
            // The derived template lives under bench/target: the project's stubs are the
            // repository's (idem-local.json beside template.yaml), on free ports.
            .template(template)
            .stubs(ProjectConfig.beside(files.template()).stubs())
            .seed(seed)
            .freePorts()
            .console(console)
            .faults(seedOnly)
            .concurrencyLimit(settings.concurrencyLimit())
            .parameters(
                Map.of("QueueMaximumConcurrency", Integer.toString(settings.queueConcurrency())))
            .build();
    progress.println("idem bench: starting the local cloud");
    LocalCloud cloud = Quietly.start(() -> LocalCloud.start(options));
    try {
      ExactlyOnceRun run = new ExactlyOnceRun(settings, cloud, progress);
      run.installFaults();
      return run;
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
  }

  private void installFaults() {
    FaultPlan plan = settings.faults();
    cloud.faults().replace(plan.rules());
    cloud.faults().replaceChaos(plan.chaos());
    cloud.faults().latency(plan.latency());
  }

  private void clearFaults() {
    cloud.faults().replace(List.of());
    cloud.faults().replaceChaos(List.of());
    cloud.faults().latency(Duration.ZERO);
  }

  /** Places every order under the faults. */
  AuditClients.Result drive() throws InterruptedException {
    progress.printf(
        Locale.ROOT,
        "idem bench: %d orders from %d clients under %d fault rules (seed %d)%n",
        settings.orders(),
        settings.clients(),
        settings.faults().rules().size() + settings.faults().chaos().size(),
        cloud.faults().seed());
    AuditClients clients =
        new AuditClients(
            api,
            new OrderMix(settings.orders()),
            new AuditClients.Settings(settings.clients(), settings.shortTimeout(), KEY_DEADLINE));
    return clients.run();
  }

  /**
   * Reads the system every {@link #POLL} until every order is terminal, no function's queue holds a
   * message, every transition of every order has been seen on the bus and every notifying event has
   * its message; or until nothing has progressed for the stall limit, or {@link #SETTLE_CAP} has
   * passed. Then clears the faults.
   */
  Settling settle(AuditClients.Result load) throws InterruptedException {
    progress.println("idem bench: every key answered; waiting for the system to settle");
    long answered = load.submissions().stream().filter(Submission::answered).count();
    long begin = System.nanoTime();
    long lastProgress = begin;
    Snapshot last = null;
    try {
      while (true) {
        Snapshot now = snapshotOrNull(answered);
        long at = System.nanoTime();
        if (now != null && now.settled()) {
          return new Settling(true, Duration.ofNanos(at - begin));
        }
        if (now != null && !now.equals(last)) {
          last = now;
          lastProgress = at;
        }
        if (at - lastProgress > settings.stallLimit().toNanos()
            || at - begin > SETTLE_CAP.toNanos()) {
          return new Settling(false, Duration.ofNanos(at - begin));
        }
        Thread.sleep(POLL);
      }
    } finally {
      clearFaults();
    }
  }

  /**
   * Where the system stands, in counts that move as long as it progresses.
   *
   * @param terminal orders in a terminal state (-1: not read yet)
   * @param events deliveries to the auditor's queue
   * @param messages the notification provider's ledger entries (-1: not read yet)
   * @param queued messages in the functions' queues
   * @param settled whether nothing is left to happen
   */
  record Snapshot(long terminal, long events, long messages, long queued, boolean settled) {}

  /** The snapshot; null when a read failed (faults from a user's file may strike the auditor). */
  private Snapshot snapshotOrNull(long answered) {
    try {
      return snapshot(answered);
    } catch (RuntimeException e) {
      progress.println("idem bench: a read failed while settling, retried at the next poll: " + e);
      return null;
    }
  }

  /**
   * Reads the queues and the events first; the Orders table (a scan) and the notification ledger
   * only once those could show a settled system: every answered order has at least three
   * transitions (placed, reserved or rejected, fulfilled or cancelled) to announce.
   */
  private Snapshot snapshot(long answered) {
    long queued = reader.workQueues().values().stream().mapToLong(Long::longValue).sum();
    List<BusEvent> events = trail.events();
    if (queued > 0 || transitions(events) < 3 * answered) {
      return new Snapshot(-1, events.size(), -1, queued, false);
    }
    Map<String, OrderRow> orders = reader.orders();
    long terminal = orders.values().stream().filter(OrderRow::terminal).count();
    long messages = reader.messages().size();
    boolean settled =
        terminal == orders.size()
            && announced(orders.values(), events)
            && messages >= notifying(events).size();
    return new Snapshot(terminal, events.size(), messages, queued, settled);
  }

  private static long transitions(List<BusEvent> events) {
    Set<String> seen = new HashSet<>();
    events.forEach(e -> seen.add(e.orderId() + " " + e.detailType()));
    return seen.size();
  }

  /** Whether every required event of every order has been delivered at least once. */
  static boolean announced(Collection<OrderRow> orders, List<BusEvent> events) {
    Set<String> seen = new HashSet<>();
    events.forEach(e -> seen.add(e.orderId() + " " + e.detailType()));
    return orders.stream()
        .allMatch(row ->
            ExpectedEvents.required(row).stream()
                .allMatch(type -> seen.contains(row.orderId() + " " + type)));
  }

  private static Set<String> notifying(List<BusEvent> events) {
    Set<String> ids = new HashSet<>();
    events.stream()
        .filter(e -> ExpectedEvents.notifying(e.detailType()))
        .forEach(e -> ids.add(e.eventId()));
    return ids;
  }

  /**
   * Everything the system holds now, once the leases of the records still in progress have passed
   * (at most {@link #LONGEST_LEASE_WAIT}), with every event the auditor's queue still holds.
   */
  Observed observe() throws InterruptedException {
    Instant latest =
        reader.inProgress().stream()
            .map(Observed.Lease::leaseExpiry)
            .max(Instant::compareTo)
            .orElse(Instant.EPOCH);
    Duration wait = Duration.between(Instant.now(), latest).plusMillis(500);
    if (wait.isPositive()) {
      Thread.sleep(wait.compareTo(LONGEST_LEASE_WAIT) < 0 ? wait : LONGEST_LEASE_WAIT);
    }
    return reader.read(trail.drain());
  }

  /** The violations of {@code observed} given what the clients did. */
  List<Violation> check(List<Submission> submissions, Observed observed) {
    return Invariants.check(submissions, initialStock, observed);
  }

  /** The stock before the first order. */
  Map<String, Long> initialStock() {
    return initialStock;
  }

  /** The running local cloud. */
  LocalCloud cloud() {
    return cloud;
  }

  @Override
  public void close() {
    trail.close();
    cloud.close();
  }
}
