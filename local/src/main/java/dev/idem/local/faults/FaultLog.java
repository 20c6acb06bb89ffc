package dev.idem.local.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every fault injected: one JSON line each to the console, counts by kind and by rule for the whole
 * run, and the last {@link #CAPACITY} entries for {@code GET /_idem/faults/log}. Thread-safe.
 */
public final class FaultLog {

  /** How many entries are kept for reading back. */
  public static final int CAPACITY = 10_000;

  /**
   * One injected fault.
   *
   * @param seq its number in the run, from 1
   * @param time when it was injected
   * @param kind the kind's name, e.g. {@code aws-error}
   * @param rule the rule's name (LocalStack rules: {@code localstack-<n>})
   * @param target what it struck, e.g. {@code service=dynamodb operation=PutItem}
   * @param requestId the request or invocation id, or null
   */
  public record Entry(
      long seq, Instant time, String kind, String rule, String target, String requestId) {

    /** The entry as one JSON object. */
    public ObjectNode json() {
      ObjectNode node = FaultJson.MAPPER.createObjectNode();
      node.put("seq", seq).put("time", time.toString()).put("fault", kind).put("rule", rule);
      node.put("target", target);
      if (requestId != null) {
        node.put("requestId", requestId);
      }
      return node;
    }
  }

  private final Clock clock;
  private final Consumer<String> console;
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();
  private final Deque<Entry> recent = new ArrayDeque<>();

  FaultLog(Clock clock, Consumer<String> console) {
    this.clock = clock;
    this.console = console;
  }

  void record(String kind, String rule, FaultTarget target) {
    Entry entry =
        new Entry(
            seq.incrementAndGet(),
            clock.instant(),
            kind,
            rule,
            target.describe(),
            target.requestId());
    byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    byRule.computeIfAbsent(rule, k -> new LongAdder()).increment();
    synchronized (recent) {
      recent.addLast(entry);
      if (recent.size() > CAPACITY) {
        recent.removeFirst();
      }
    }
    console.accept(entry.json().toString());
  }

  /** Faults injected so far. */
  public long total() {
    return seq.get();
  }

  /** Faults injected so far by kind, kinds in name order. */
  public Map<String, Long> byKind() {
    return snapshot(byKind);
  }

  /** Faults injected so far by rule name. */
  public Map<String, Long> byRule() {
    return snapshot(byRule);
  }

  /** The kept entries numbered above {@code afterSeq}, oldest first. */
  public List<Entry> entries(long afterSeq) {
    synchronized (recent) {
      return recent.stream().filter(entry -> entry.seq() > afterSeq).toList();
    }
  }

  /** {@code GET /_idem/faults/log}'s answer. */
  ObjectNode json(long afterSeq) {
    ObjectNode node = FaultJson.MAPPER.createObjectNode().put("total", total());
    ObjectNode kinds = node.putObject("byKind");
    byKind().forEach(kinds::put);
    ObjectNode rules = node.putObject("byRule");
    byRule().forEach(rules::put);
    ArrayNode entries = node.putArray("entries");
    entries(afterSeq).forEach(entry -> entries.add(entry.json()));
    return node;
  }

  /** One line for the Ctrl-C summary, e.g. {@code faults injected: 12 (aws-error 10, ...)}. */
  public String summary() {
    Map<String, Long> kinds = byKind();
    if (kinds.isEmpty()) {
      return "faults injected: 0";
    }
    return "faults injected: "
        + total()
        + " ("
        + kinds.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  List<Entry> all() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }
}
