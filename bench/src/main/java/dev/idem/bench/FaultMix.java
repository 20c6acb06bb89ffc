package dev.idem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idem.local.faults.FaultPlan;
import dev.idem.local.faults.FaultRule;
import java.util.List;

/**
 * The exactly-once auditor's default fault mix: every kind of fault the local cloud injects, each
 * expected about {@code target} times over a run of {@code orders} orders. A kind's probability is
 * its target divided by how often its occasion comes per order on this machine (measured: {@link
 * Occasions}), split over the functions it strikes; a rule whose fault costs an instance (kills,
 * hangs) also has a limit of twice its expected count, so that a run cannot spend itself on them.
 *
 * <p>Where a fault could strike the auditor's own calls (its set-up, its reads of the tables and
 * queues, the events it puts when planting), the rule is scoped to the reference system: AWS faults
 * to the five functions' instances ({@code function}, which the auditor never is), EventBridge
 * faults to the relay and to the template's rules. The mix is installed once the auditor's queue
 * and rule exist, and cleared once the system has settled, before the auditor's last reads.
 *
 * <p>{@link #json} is the mix as a faults file ({@code --faults FILE} takes the same format).
 */
final class FaultMix {

  static final String PLACE_ORDER = "PlaceOrderFunction";
  static final String RELAY = "OrderEventsRelayFunction";
  static final String CAPTURE = "CapturePaymentFunction";
  static final String RESERVE = "ReserveInventoryFunction";
  static final String NOTIFY = "NotifyCustomerFunction";

  /** The template's rules that route the events functions consume. */
  static final List<String> RULES =
      List.of(
          "OrderPlacedToPayments", "OrderPlacedToInventory", "PaymentAndInventoryToNotifications");

  /** A run's default target per kind: at least 50 each over 5,000 orders, with a margin. */
  static final double TARGET_PER_ORDER = 100.0 / 5_000;

  /** Kills and hangs are expected this share of the target: 64 of each kind in 5,000 orders. */
  static final double COSTLY_SHARE = 0.64;

  /** The kills and hangs of each kind the relay gets at most (see {@link #instances()}). */
  static final double RELAY_INSTANCE_FAULTS = 1;

  /**
   * Stream batches delivered twice are expected this share of the target: each one has the relay,
   * the one serial consumer, claim its batch's records twice.
   */
  static final double STREAM_DUPLICATE_SHARE = 0.8;

  /** The least target per kind, so that a run of a few hundred orders still sees every kind. */
  static final double LEAST_TARGET = 8;

  /**
   * How often each occasion of a fault comes per order placed, per function (measured in runs of
   * this auditor on this 2-core machine, retries and duplicates included; the batches' sizes, and
   * so their number, depend on how far behind a consumer is).
   *
   * @param awsCalls AWS calls the function's instances make
   * @param invocations invocations of the function
   */
  record Occasions(String function, double awsCalls, double invocations) {}

  static final List<Occasions> OCCASIONS =
      List.of(
          new Occasions(PLACE_ORDER, 3.6, 1.15),
          new Occasions(RELAY, 18, 0.17),
          new Occasions(CAPTURE, 7, 0.7),
          new Occasions(RESERVE, 3, 0.1),
          new Occasions(NOTIFY, 6, 0.21));

  /** New instances per order (cold starts, and restarts after kills and hangs). */
  static final double INSTANCE_STARTS = 0.06;

  /** SQS batches (payments, inventory, notifications) per order. */
  static final double SQS_BATCHES = 1.0;

  /** Stream batches per order. */
  static final double STREAM_BATCHES = 0.17;

  /** Deliveries by the three routing rules per order. */
  static final double RULE_DELIVERIES = 4;

  /** PutEvents entries per order. */
  static final double PUT_EVENTS_ENTRIES = 4;

  /** Requests to the payment and notification stubs per order. */
  static final double STUB_REQUESTS = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int orders;
  private final double target;
  private final ArrayNode rules = JSON.createArrayNode();

  private FaultMix(int orders, double target) {
    this.orders = orders;
    this.target = target;
  }

  /** The default mix for a run of {@code orders} orders. */
  static List<FaultRule> rules(int orders) {
    return FaultPlan.parse(json(orders)).rules();
  }

  /** The default mix for a run of {@code orders} orders, as a faults file. */
  static String json(int orders) {
    return json(orders, Math.max(LEAST_TARGET, TARGET_PER_ORDER * orders));
  }

  /** The mix for a run of {@code orders} orders, each kind expected {@code target} times. */
  static String json(int orders, double target) {
    FaultMix mix = new FaultMix(orders, target);
    mix.aws();
    mix.instances();
    mix.deliveries();
    mix.stubs();
    ObjectNode file = JSON.createObjectNode();
    file.set("rules", mix.rules);
    return file.toPrettyString();
  }

  // ---------------------------------------------------------------- AWS calls at the edge

  private void aws() {
    double total = OCCASIONS.stream().mapToDouble(Occasions::awsCalls).sum();
    for (Occasions f : OCCASIONS) {
      double share = target * f.awsCalls() / total;
      perCall("aws-error", f, share);
      ObjectNode lost = perCall("aws-applied-lost", f, share);
      lost.put(
          "answer", f.function().equals(RELAY) || f.function().equals(CAPTURE) ? "reset" : "error");
      perCall("aws-latency", f, share).put("latencyMs", 300);
    }
  }

  private ObjectNode perCall(String kind, Occasions f, double expected) {
    return rule(kind, f.function(), expected / (orders * f.awsCalls()), 0)
        .put("function", f.function());
  }

  // ---------------------------------------------------------------- function instances

  /** The AWS call after which each function is killed or hangs: past its main effect. */
  private static int call(String function) {
    return switch (function) {
      case PLACE_ORDER -> 2; // the catalog read, then the order's transaction
      case RELAY -> 2; // the record's claim, then PutEvents: published, not recorded
      case CAPTURE -> 3; // claim, read, then PAID: paid, not fulfilled nor recorded
      default -> 1; // the reservation's transaction; the notification's claim
    };
  }

  /**
   * Kills and hangs, each kind expected {@link #costly} times: the relay gets {@link
   * #RELAY_INSTANCE_FAULTS} of each, since it is the one serial consumer (one invocation per stream
   * shard) and each fault there holds up every order behind it for up to a function timeout; the
   * other functions share the rest by their invocations. Each rule's probability is twice what its
   * share needs, and its limit its share and a fifth, so the kind reaches its count early enough.
   */
  private void instances() {
    double costly = costly();
    double relay = Math.min(RELAY_INSTANCE_FAULTS, costly / OCCASIONS.size());
    double others =
        OCCASIONS.stream()
            .filter(f -> !f.function().equals(RELAY))
            .mapToDouble(Occasions::invocations)
            .sum();
    for (Occasions f : OCCASIONS) {
      double share =
          f.function().equals(RELAY) ? relay : (costly - relay) * f.invocations() / others;
      perInvocation("lambda-kill-before-handler", f, share);
      perInvocation("lambda-kill-after-call", f, share).put("call", call(f.function()));
      perInvocation("lambda-kill-after-response", f, share);
      ObjectNode hang = perInvocation("lambda-hang", f, share);
      if (!f.function().equals(PLACE_ORDER) && !f.function().equals(RESERVE)) {
        hang.put("call", call(f.function()));
      }
    }
    rule("lambda-slow-start", "any", target / (orders * INSTANCE_STARTS), 0).put("latencyMs", 800);
  }

  /** How often each kind of kill or hang is expected: they cost a JVM start each. */
  private double costly() {
    return target * COSTLY_SHARE;
  }

  private ObjectNode perInvocation(String kind, Occasions f, double expected) {
    double probability = 2 * expected / (orders * f.invocations());
    return rule(kind, f.function(), probability, limit(expected)).put("function", f.function());
  }

  // ---------------------------------------------------------------- deliveries

  private void deliveries() {
    rule("sqs-duplicate", "any", target / (orders * SQS_BATCHES), 0);
    rule("sqs-visibility-lapse", "any", target / (orders * SQS_BATCHES), 0);
    rule("stream-duplicate", "any", target * STREAM_DUPLICATE_SHARE / (orders * STREAM_BATCHES), 0);
    for (String rule : RULES) {
      double perRule = target / RULES.size();
      rule("event-duplicate", rule, perRule / (orders * RULE_DELIVERIES / RULES.size()), 0)
          .put("rule", rule);
    }
    rule("putevents-failed", RELAY, target / (orders * PUT_EVENTS_ENTRIES), 0)
        .put("function", RELAY);
    rule("putevents-failed-delivered", RELAY, target / (orders * PUT_EVENTS_ENTRIES), 0)
        .put("function", RELAY);
  }

  private void stubs() {
    double probability = target / (orders * STUB_REQUESTS);
    rule("stub-applied-lost", "payments", probability, 0)
        .put("stub", "payments")
        .put("answer", "timeout")
        .put("latencyMs", 3000);
    rule("stub-applied-lost", "notifications", probability, 0)
        .put("stub", "notifications")
        .put("answer", "reset");
  }

  // ---------------------------------------------------------------- rules

  private ObjectNode rule(String kind, String where, double probability, long limit) {
    ObjectNode rule = rules.addObject();
    rule.put("kind", kind).put("name", kind + "/" + where);
    rule.put("probability", Stats.round(Math.min(0.5, probability), 5));
    if (limit > 0) {
      rule.put("limit", limit);
    }
    return rule;
  }

  /** The expected count and a fifth, at least 1. */
  private static long limit(double expected) {
    return Math.max(1, Math.round(1.2 * expected));
  }
}
