package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.bench.Violation.Counter;
import dev.idem.local.faults.FaultKind;
import dev.idem.local.faults.FaultPlan;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The exactly-once auditor end to end on the reference system: a few hundred orders under every
 * kind of fault, then the same cloud with violations planted from the outside, each of which the
 * auditor must report, so that its silence on the first run means something. Its report is in
 * {@code target/exactly-once-it.txt}, the local cloud's console in {@code
 * target/exactly-once-it.log}.
 */
class ExactlyOnceIT {

  static final int ORDERS = 200;
  static final long SEED = 7;

  /** Each kind expected this often: enough that every kind strikes at least once. */
  static final double TARGET = 10;

  private static ConsoleFile console;
  private static ExactlyOnceRun run;
  private static AuditClients.Result load;
  private static ExactlyOnceRun.Settling settling;
  private static Observed observed;
  private static List<Violation> violations;
  private static Map<String, Long> faultsByKind;

  @BeforeAll
  static void audit() throws Exception {
    ProjectFiles files = new ProjectFiles(Path.of("..").toAbsolutePath().normalize());
    FaultPlan plan = FaultPlan.parse(FaultMix.json(ORDERS, TARGET)).withSeed(SEED);
    ExactlyOnceRun.Settings settings =
        new ExactlyOnceRun.Settings(
            ORDERS,
            8,
            plan,
            ExactlyOnceBenchmark.VISIBILITY_TIMEOUT,
            ExactlyOnceBenchmark.CONCURRENCY_LIMIT,
            ExactlyOnceBenchmark.QUEUE_CONCURRENCY,
            ExactlyOnceBenchmark.SHORT_TIMEOUT,
            ExactlyOnceBenchmark.stallLimit(ExactlyOnceBenchmark.VISIBILITY_TIMEOUT));
    console = ConsoleFile.open(Path.of("target/exactly-once-it.log"), line -> {});
    long begin = System.nanoTime();
    run = ExactlyOnceRun.start(files, settings, console, System.err);
    load = run.drive();
    settling = run.settle(load);
    observed = run.observe();
    violations = run.check(load.submissions(), observed);
    faultsByKind = run.cloud().faults().log().byKind();
    report(plan, Duration.ofNanos(System.nanoTime() - begin));
  }

  @AfterAll
  static void stop() throws Exception {
    if (run != null) {
      run.close();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  void audit_everyFaultKindInjected_findsNoViolation() {
    assertThat(settling.settled()).as("settled before the deadline").isTrue();
    assertThat(violations).isEmpty();
    assertThat(observed.orders()).hasSize(ORDERS);
  }

  @Test
  void audit_faultLog_holdsEveryKindAtLeastOnce() {
    assertThat(faultsByKind).containsKeys(FaultKind.ids().toArray(String[]::new));
    assertThat(faultsByKind.values()).allSatisfy(count -> assertThat(count).isPositive());
  }

  @Test
  void audit_clients_retriedKeysAndLostAnswersAreAnsweredWithTheirOrder() {
    assertThat(load.submissions()).allSatisfy(s -> assertThat(s.answered()).isTrue());
    assertThat(load.submissions().stream().filter(s -> s.orderIds().size() == 2))
        .hasSize(ORDERS / AuditClients.DUPLICATE_EVERY);
    assertThat(load.answers()).containsKey("201 replayed");
  }

  @Test
  void check_violationsPlantedFromTheOutside_reportsEachUnderItsCounter() throws Exception {
    List<Observed.OrderRow> fulfilled =
        observed.orders().values().stream()
            .filter(row -> row.status().equals(Observed.FULFILLED))
            .sorted(java.util.Comparator.comparing(Observed.OrderRow::orderId))
            .toList();
    Observed.OrderRow charged = fulfilled.get(0);
    Observed.OrderRow announced = fulfilled.get(1);
    Observed.OrderRow notified = fulfilled.get(2);
    Observed.OrderRow deleted =
        fulfilled.stream()
            .filter(row -> !row.quantities().containsKey("SKU-001"))
            .skip(3)
            .findFirst()
            .orElseThrow();
    Planting plant = new Planting(run);

    plant.secondCharge(charged);
    plant.deleteOrder(deleted.orderId());
    plant.addStock("SKU-001", 1);
    plant.extraEvent(announced.orderId(), "OrderFulfilled");
    plant.secondMessage(
        notified.orderId(), "PaymentCaptured", eventId(notified, "PaymentCaptured"));
    plant.expiredLease("planted#" + UUID.randomUUID());
    plant.deadLetter("PaymentsDLQ");
    List<Violation> found = run.check(load.submissions(), run.observe());

    assertThat(found)
        .anySatisfy(v -> is(v, Counter.DUPLICATE_CHARGES, charged.orderId()))
        .anySatisfy(v -> is(v, Counter.LOST_ORDERS, deleted.orderId()))
        .anySatisfy(v -> is(v, Counter.STOCK_MISMATCHES, "SKU-001"))
        .anySatisfy(v -> is(v, Counter.DUPLICATE_EVENTS, announced.orderId()))
        .anySatisfy(v -> is(v, Counter.DUPLICATE_NOTIFICATIONS, notified.orderId()))
        .anySatisfy(v -> assertThat(v.counter()).isEqualTo(Counter.STUCK_IN_PROGRESS))
        .anySatisfy(v -> is(v, Counter.DLQ_MESSAGES, "PaymentsDLQ"));
  }

  private static void is(Violation violation, Counter counter, String subject) {
    assertThat(violation.counter()).isEqualTo(counter);
    assertThat(violation.subject()).isEqualTo(subject);
  }

  private static String eventId(Observed.OrderRow row, String type) {
    return observed.events().stream()
        .filter(e -> e.orderId().equals(row.orderId()) && e.detailType().equals(type))
        .findFirst()
        .orElseThrow()
        .eventId();
  }

  private static void report(FaultPlan plan, Duration took) throws Exception {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(Path.of("target/exactly-once-it.txt")))) {
      new ExactlyOnceReport(
              "ExactlyOnceIT: " + ORDERS + " orders, seed " + SEED,
              plan.seed(),
              load,
              settling,
              observed,
              violations,
              faultsByKind,
              run.cloud().lambda().stats(),
              took)
          .print(out);
    }
  }

  /** Violations written into a running system from the outside, as an operator could. */
  private record Planting(ExactlyOnceRun run) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A second charge for a paid order, under another key. */
    void secondCharge(Observed.OrderRow order) throws Exception {
      post(
          run.cloud().stubUrl("payments").orElseThrow().resolve("/charges"),
          "planted-" + order.orderId(),
          "{\"orderId\":\"%s\",\"amount\":%d,\"currency\":\"EUR\"}"
              .formatted(order.orderId(), order.total()));
    }

    /** A second message about an event, under another key. */
    void secondMessage(String orderId, String template, String eventId) throws Exception {
      post(
          run.cloud().stubUrl("notifications").orElseThrow().resolve("/messages"),
          "planted-" + eventId,
          "{\"orderId\":\"%s\",\"template\":\"%s\",\"eventId\":\"%s\"}"
              .formatted(orderId, template, eventId));
    }

    void deleteOrder(String orderId) {
      run.cloud()
          .clients()
          .dynamoDb()
          .deleteItem(r ->
              r.tableName(table("OrdersTable"))
                  .key(Map.of("orderId", AttributeValue.fromS(orderId))));
    }

    void addStock(String sku, long units) {
      run.cloud()
          .clients()
          .dynamoDb()
          .updateItem(r ->
              r.tableName(table("InventoryTable"))
                  .key(Map.of("sku", AttributeValue.fromS(sku)))
                  .updateExpression("SET available = available + :n")
                  .expressionAttributeValues(
                      Map.of(":n", AttributeValue.fromN(Long.toString(units)))));
    }

    /** The transition announced again under a new event id. */
    void extraEvent(String orderId, String detailType) {
      String detail =
          "{\"metadata\":{\"eventId\":\"%s\",\"correlationId\":\"planted\",\"causationId\":\"planted\",\"occurredAt\":\"%s\",\"schemaVersion\":1},\"data\":{\"orderId\":\"%s\"}}"
              .formatted(UUID.randomUUID(), Instant.now(), orderId);
      run.cloud()
          .clients()
          .events()
          .putEvents(r ->
              r.entries(e ->
                  e.eventBusName(run.cloud().stack().stack().buses().get(0).name())
                      .source("idem.orders")
                      .detailType(detailType)
                      .detail(detail)));
    }

    /** A record in progress whose lease ended a minute ago. */
    void expiredLease(String id) {
      Instant now = Instant.now();
      run.cloud()
          .clients()
          .dynamoDb()
          .putItem(r ->
              r.tableName(table("IdempotencyTable"))
                  .item(
                      Map.of(
                          "id", AttributeValue.fromS(id),
                          "status", AttributeValue.fromS("INPROGRESS"),
                          "in_progress_expiration",
                              AttributeValue.fromN(
                                  Long.toString(now.minusSeconds(60).toEpochMilli())),
                          "expiration",
                              AttributeValue.fromN(
                                  Long.toString(now.plusSeconds(3600).getEpochSecond())),
                          "lease", AttributeValue.fromS("planted"),
                          "validation", AttributeValue.fromS("planted"))));
    }

    void deadLetter(String queue) {
      String url = run.cloud().clients().sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
      run.cloud()
          .clients()
          .sqs()
          .sendMessage(r -> r.queueUrl(url).messageBody("{\"planted\":true}"));
    }

    private String table(String logicalId) {
      return run.cloud().stack().stack().table(logicalId).orElseThrow().name();
    }

    private static void post(URI url, String key, String body) throws Exception {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(url)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", key)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("planted POST " + url).isEqualTo(201);
    }
  }
}
