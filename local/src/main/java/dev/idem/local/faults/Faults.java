package dev.idem.local.faults;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The local cloud's fault injector: the rules in force (Idem's and LocalStack's), the latency
 * effect, the seed, and the decisions. Every hop asks {@link #decide(FaultKind, FaultTarget)} (or
 * {@link #decideChaos(FaultTarget)} at the edge); a fault it injects is logged in {@link #log()}.
 * Rules may be replaced, added and removed while traffic flows. Thread-safe.
 *
 * <h2>Decisions and the seed</h2>
 *
 * Among the rules of a kind, the first whose fields match the target is the one that decides (as
 * LocalStack's rules do); outside its window, past its limit, or when its draw fails, nothing is
 * injected. A draw is not taken from one shared random sequence: it is a hash of the seed, the
 * rule's name, the target's fields and how many draws that rule made before for the same fields. So
 * the n-th {@code PutItem} on a table by a function meets the same fate in every run with the same
 * seed and rules, whatever else ran in between; what can still differ between two runs is how many
 * such calls there were and in which order parallel work made them.
 */
public final class Faults {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** An installed Idem rule, with its clock and counters. */
  private record Installed(
      FaultRule rule, long installedNanos, AtomicLong injected, Map<String, AtomicLong> draws) {

    static Installed of(FaultRule rule, long now) {
      return new Installed(rule, now, new AtomicLong(), new ConcurrentHashMap<>());
    }
  }

  /** An installed LocalStack rule. */
  private record InstalledChaos(ChaosRule rule, String name, Map<String, AtomicLong> draws) {}

  private final long seed;
  private final LongSupplier nanoTime;
  private final FaultLog log;
  private final AtomicLong ruleNumbers = new AtomicLong();
  private final AtomicLong chaosNumbers = new AtomicLong();
  private volatile List<Installed> rules = List.of();
  private volatile List<InstalledChaos> chaos = List.of();
  private volatile Duration latency;

  Faults(FaultPlan plan, Clock clock, LongSupplier nanoTime, Consumer<String> console) {
    this.seed = plan.seed() != null ? plan.seed() : ThreadLocalRandom.current().nextLong();
    this.nanoTime = nanoTime;
    this.log = new FaultLog(clock, console);
    this.latency = plan.latency();
    replace(plan.rules());
    replaceChaos(plan.chaos());
  }

  /**
   * An injector starting with {@code plan}'s rules.
   *
   * @param console receives one JSON line per injected fault
   */
  public static Faults start(FaultPlan plan, Consumer<String> console) {
    return new Faults(plan, Clock.systemUTC(), System::nanoTime, console);
  }

  /** An injector with no rules, which injects nothing until some are added. */
  public static Faults none() {
    return start(FaultPlan.none(), line -> {});
  }

  /** The seed of this run's decisions. */
  public long seed() {
    return seed;
  }

  /** The faults injected so far. */
  public FaultLog log() {
    return log;
  }

  /** Whether any rule or effect is in force (the hops skip their checks when none is). */
  public boolean active() {
    return !rules.isEmpty() || !chaos.isEmpty() || !latency.isZero();
  }

  /** Whether a rule of this kind is in force. */
  public boolean active(FaultKind kind) {
    for (Installed installed : rules) {
      if (installed.rule().kind() == kind) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- the rules in force

  /** The Idem rules in force, in order. */
  public List<FaultRule> rules() {
    return rules.stream().map(Installed::rule).toList();
  }

  /** Replaces the Idem rules; their windows start now. */
  public synchronized void replace(List<FaultRule> newRules) {
    long now = nanoTime.getAsLong();
    rules = newRules.stream().map(rule -> Installed.of(rule, now)).toList();
    ruleNumbers.set(newRules.size());
  }

  /** Adds Idem rules after those in force; their windows start now. */
  public synchronized void append(List<FaultRule> more) {
    long now = nanoTime.getAsLong();
    List<Installed> all = new ArrayList<>(rules);
    more.forEach(rule -> all.add(Installed.of(rule, now)));
    rules = List.copyOf(all);
  }

  /**
   * Removes Idem rules: by name where {@code names} has one at that position, else every rule equal
   * to the given one apart from its name.
   */
  public synchronized void remove(List<FaultRule> removed, List<Boolean> named) {
    List<Installed> kept = new ArrayList<>();
    for (Installed installed : rules) {
      boolean drop = false;
      for (int i = 0; i < removed.size(); i++) {
        FaultRule gone = removed.get(i);
        drop |=
            named.get(i)
                ? installed.rule().name().equals(gone.name())
                : sameApartFromName(installed.rule(), gone);
      }
      if (!drop) {
        kept.add(installed);
      }
    }
    rules = List.copyOf(kept);
  }

  /** The number of the first of {@code count} rules to add ({@code rule-<n>} by default). */
  synchronized int nextRuleNumber(int count) {
    return (int) ruleNumbers.getAndAdd(count) + 1;
  }

  /** The LocalStack rules in force, in order, as posted. */
  public List<ChaosRule> chaosRules() {
    return chaos.stream().map(InstalledChaos::rule).toList();
  }

  /** Replaces the LocalStack rules. */
  public synchronized void replaceChaos(List<ChaosRule> newRules) {
    chaos = List.of();
    appendChaos(newRules);
  }

  /** Adds LocalStack rules after those in force. */
  public synchronized void appendChaos(List<ChaosRule> more) {
    List<InstalledChaos> all = new ArrayList<>(chaos);
    more.forEach(rule ->
        all.add(
            new InstalledChaos(
                rule, "localstack-" + chaosNumbers.incrementAndGet(), new ConcurrentHashMap<>())));
    chaos = List.copyOf(all);
  }

  /** Removes every LocalStack rule equal to one given. */
  public synchronized void removeChaos(List<ChaosRule> removed) {
    chaos = chaos.stream().filter(installed -> !removed.contains(installed.rule())).toList();
  }

  /** The latency added to every AWS call at the edge. */
  public Duration latency() {
    return latency;
  }

  /** Sets the latency added to every AWS call (zero for none). */
  public void latency(Duration newLatency) {
    if (newLatency.isNegative()) {
      throw new FaultRuleException("latency must be 0 or more");
    }
    latency = newLatency;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Whether to inject a fault of {@code kind} at {@code target}: the deciding rule when one is
   * injected (and logged), else empty.
   */
  public Optional<FaultRule> decide(FaultKind kind, FaultTarget target) {
    for (Installed installed : rules) {
      FaultRule rule = installed.rule();
      if (rule.kind() == kind && rule.matches(target)) {
        return fires(installed, target) ? Optional.of(rule) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether a LocalStack rule refuses this AWS call: its error when one does (and logged). */
  public Optional<FaultRule.ErrorSpec> decideChaos(FaultTarget target) {
    for (InstalledChaos installed : chaos) {
      ChaosRule rule = installed.rule();
      if (rule.matches(target)) {
        if (!draw(installed.name(), installed.draws(), target, rule.chance())) {
          return Optional.empty();
        }
        log.record(FaultKind.AWS_ERROR.id(), installed.name(), target);
        return Optional.of(rule.errorOrDefault());
      }
    }
    return Optional.empty();
  }

  private boolean fires(Installed installed, FaultTarget target) {
    FaultRule rule = installed.rule();
    Duration since = Duration.ofNanos(nanoTime.getAsLong() - installed.installedNanos());
    if (rule.window() != null && !rule.window().contains(since)) {
      return false;
    }
    if (rule.limit() > 0 && installed.injected().get() >= rule.limit()) {
      return false;
    }
    if (!draw(rule.name(), installed.draws(), target, rule.probability())) {
      return false;
    }
    if (rule.limit() > 0 && installed.injected().incrementAndGet() > rule.limit()) {
      return false;
    }
    if (rule.limit() == 0) {
      installed.injected().incrementAndGet();
    }
    log.record(rule.kind().id(), rule.name(), target);
    return true;
  }

  private boolean draw(
      String ruleName, Map<String, AtomicLong> draws, FaultTarget target, double probability) {
    if (probability >= 1) {
      return true;
    }
    if (probability <= 0) {
      return false;
    }
    String key = target.describe();
    long n = draws.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
    long h = mix(seed ^ mix(ruleName.hashCode() + GOLDEN) ^ mix(key.hashCode() * GOLDEN + n));
    return (h >>> 11) * 0x1.0p-53 < probability;
  }

  /** SplitMix64's finalizer: a good 64-bit hash of a 64-bit value. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static boolean sameApartFromName(FaultRule a, FaultRule b) {
    return a.kind() == b.kind()
        && a.match().equals(b.match())
        && a.probability() == b.probability()
        && a.limit() == b.limit()
        && java.util.Objects.equals(a.window(), b.window())
        && java.util.Objects.equals(a.errorOrDefault(), b.errorOrDefault())
        && a.answer() == b.answer()
        && java.util.Objects.equals(a.latency(), b.latency())
        && a.call() == b.call();
  }
}
