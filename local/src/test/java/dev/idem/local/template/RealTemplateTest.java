package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The repository's own template.yaml, read into specs as the local cloud will read it. */
class RealTemplateTest {

  private static final Path TEMPLATE = Path.of("../template.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static StackSpec stack;

  @BeforeAll
  static void read() {
    stack = Template.load(TEMPLATE, Map.of()).specs();
  }

  @Test
  void specs_sixJavaFunctions_handlersAndSettings() {
    assertThat(stack.functions())
        .extracting(FunctionSpec::name, FunctionSpec::handler)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PlaceOrderFunction", "dev.idem.functions.orders.PlaceOrderHandler::handleRequest"),
            org.assertj.core.groups.Tuple.tuple(
                "GetOrderFunction", "dev.idem.functions.orders.GetOrderHandler::handleRequest"),
            org.assertj.core.groups.Tuple.tuple(
                "OrderEventsRelayFunction",
                "dev.idem.functions.relay.OrderEventsRelayHandler::handleRequest"),
            org.assertj.core.groups.Tuple.tuple(
                "CapturePaymentFunction",
                "dev.idem.functions.payments.CapturePaymentHandler::handleRequest"),
            org.assertj.core.groups.Tuple.tuple(
                "ReserveInventoryFunction",
                "dev.idem.functions.inventory.ReserveInventoryHandler::handleRequest"),
            org.assertj.core.groups.Tuple.tuple(
                "NotifyCustomerFunction",
                "dev.idem.functions.notifications.NotifyCustomerHandler::handleRequest"));
    FunctionSpec place = stack.function("PlaceOrderFunction").orElseThrow();
    assertThat(place.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(place.memorySize()).isEqualTo(1024);
    assertThat(place.runtime()).isEqualTo("java21");
    assertThat(place.codeUri())
        .isEqualTo(
            TEMPLATE
                .toAbsolutePath()
                .normalize()
                .resolveSibling("functions/target/idem-functions.jar"));
    assertThat(stack.function("OrderEventsRelayFunction").orElseThrow().timeout())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void specs_events_twoApiThreeSqsOneStream() {
    var events = stack.functions().stream().flatMap(f -> f.events().stream()).toList();

    assertThat(events.stream().filter(ApiEvent.class::isInstance).map(ApiEvent.class::cast))
        .extracting(ApiEvent::name, ApiEvent::path, ApiEvent::method)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PostOrder", "/orders", "POST"),
            org.assertj.core.groups.Tuple.tuple("GetOrder", "/orders/{orderId}", "GET"));
    assertThat(events.stream().filter(SqsEvent.class::isInstance)).hasSize(3);
    assertThat(events.stream().filter(StreamEvent.class::isInstance)).hasSize(1);
    SqsEvent payments =
        (SqsEvent) stack.function("CapturePaymentFunction").orElseThrow().events().get(0);
    assertThat(payments)
        .isEqualTo(
            new SqsEvent(
                "PaymentsQueue",
                "arn:aws:sqs:us-east-1:000000000000:PaymentsQueue",
                10,
                Duration.ZERO, // no window: on the order's way to PAID
                true,
                5,
                true));
    SqsEvent notifications =
        (SqsEvent) stack.function("NotifyCustomerFunction").orElseThrow().events().get(0);
    assertThat(notifications.maxBatchingWindow()).isEqualTo(Duration.ofSeconds(1));
    StreamEvent relay =
        (StreamEvent) stack.function("OrderEventsRelayFunction").orElseThrow().events().get(0);
    assertThat(relay.streamArn())
        .startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/OrdersTable/stream/");
    assertThat(relay.startingPosition()).isEqualTo("TRIM_HORIZON");
    assertThat(relay.batchSize()).isEqualTo(25);
    assertThat(relay.maxBatchingWindow()).isEqualTo(Duration.ZERO);
    assertThat(relay.maximumRetryAttempts()).isEqualTo(5);
    assertThat(relay.maximumRecordAgeInSeconds()).isEqualTo(3600);
    assertThat(relay.bisectOnError()).isTrue();
    assertThat(relay.reportBatchItemFailures()).isTrue();
    assertThat(relay.onFailureDestinationArn())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:OrderEventsRelayDLQ");
  }

  @Test
  void specs_environment_resolvedFromResourcesAndParameterDefaults() {
    assertThat(stack.function("PlaceOrderFunction").orElseThrow().environment())
        .containsEntry("ORDERS_TABLE", "OrdersTable")
        .containsEntry("CATALOG_TABLE", "CatalogTable")
        .containsEntry("IDEMPOTENCY_TABLE", "IdempotencyTable")
        .containsEntry("POWERTOOLS_SERVICE_NAME", "orders")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    assertThat(stack.function("OrderEventsRelayFunction").orElseThrow().environment())
        .containsEntry("EVENT_BUS_NAME", "idem-orders-dev");
    assertThat(stack.function("CapturePaymentFunction").orElseThrow().environment())
        .containsEntry("PAYMENT_PROVIDER_URL", "http://127.0.0.1:4010");
    assertThat(stack.function("NotifyCustomerFunction").orElseThrow().environment())
        .containsEntry("NOTIFICATION_PROVIDER_URL", "http://127.0.0.1:4011");
  }

  @Test
  void specs_fourTables_ordersStreamIdempotencyTtl() {
    assertThat(stack.tables())
        .extracting(TableSpec::name)
        .containsExactly("OrdersTable", "CatalogTable", "InventoryTable", "IdempotencyTable");
    assertThat(stack.table("OrdersTable").orElseThrow().streamViewType())
        .isEqualTo("NEW_AND_OLD_IMAGES");
    assertThat(stack.table("IdempotencyTable").orElseThrow().ttlAttribute())
        .isEqualTo("expiration");
    assertThat(stack.table("CatalogTable").orElseThrow().streamViewType()).isNull();
  }

  @Test
  void specs_tenQueues_sourcesRedriveToTheirDlqs() {
    assertThat(stack.queues())
        .extracting(QueueSpec::name)
        .containsExactlyInAnyOrder(
            "PaymentsQueue",
            "PaymentsDLQ",
            "InventoryQueue",
            "InventoryDLQ",
            "NotificationsQueue",
            "NotificationsDLQ",
            "ReviewQueue",
            "ReviewDLQ",
            "OrderEventsRelayDLQ",
            "EventRoutingDLQ");
    QueueSpec payments = stack.queue("PaymentsQueue").orElseThrow();
    assertThat(payments.visibilityTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(payments.redrive())
        .isEqualTo(new QueueSpec.Redrive("arn:aws:sqs:us-east-1:000000000000:PaymentsDLQ", 5));
    assertThat(stack.queue("ReviewQueue").orElseThrow().visibilityTimeout())
        .isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void specs_busAndFourRules_thresholdPatternIsJsonWithNumber() throws Exception {
    assertThat(stack.buses())
        .containsExactly(new EventBusSpec("OrdersEventBus", "idem-orders-dev"));
    assertThat(stack.rules())
        .extracting(RuleSpec::name)
        .containsExactly(
            "OrderPlacedToPayments",
            "OrderPlacedToInventory",
            "HighValueOrderToReview",
            "PaymentAndInventoryToNotifications");
    assertThat(stack.rules()).allMatch(rule -> rule.bus().equals("idem-orders-dev"));
    RuleSpec review = stack.rule("HighValueOrderToReview").orElseThrow();
    JsonNode threshold =
        new ObjectMapper().readTree(review.pattern()).at("/detail/data/total/0/numeric/1");
    assertThat(threshold.isNumber()).isTrue();
    assertThat(threshold.longValue()).isEqualTo(100000L);
    assertThat(review.targets().get(0).arn())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:ReviewQueue");
    assertThat(review.targets().get(0).deadLetterArn())
        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:EventRoutingDLQ");
  }

  @Test
  void specs_parameterOverride_reachesPatternAndNames() throws Exception {
    StackSpec prod =
        Template.load(TEMPLATE, Map.of("StageName", "prod", "HighValueOrderThreshold", "5000"))
            .specs();

    assertThat(prod.buses().get(0).name()).isEqualTo("idem-orders-prod");
    assertThat(
            new ObjectMapper()
                .readTree(prod.rule("HighValueOrderToReview").orElseThrow().pattern())
                .at("/detail/data/total/0/numeric/1")
                .longValue())
        .isEqualTo(5000L);
  }

  @Test
  void specs_postOrder_validatesItsBodyWithTheEventsSchemaAndAnswersAProblem() throws Exception {
    FunctionSpec place = stack.function("PlaceOrderFunction").orElseThrow();
    RequestModel model = ((ApiEvent) place.events().get(0)).requestModel();
    FunctionSpec get = stack.function("GetOrderFunction").orElseThrow();

    assertThat(model.name()).isEqualTo("PlaceOrderRequest");
    assertThat(model.contentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(model.schema()))
        .isEqualTo(JSON.readTree(Path.of("../events/schemas/PlaceOrderRequest.json").toFile()));
    assertThat(model.invalidBody().statusCode()).isEqualTo(400);
    assertThat(model.invalidBody().headers())
        .containsExactly(Map.entry("Content-Type", "application/problem+json"));
    assertThat(JSON.readTree(model.invalidBody().templates().get("application/json")))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"urn:idem:problem:invalid-request\",\"title\":\"Invalid request\","
                    + "\"status\":400,\"detail\":\"$context.error.validationErrorString\"}"));
    assertThat(((ApiEvent) get.events().get(0)).requestModel()).isNull();
  }

  @Test
  void specs_apiFunctions_liveAliasWithOneProvisionedInstanceServedOnStageDev() {
    FunctionSpec place = stack.function("PlaceOrderFunction").orElseThrow();
    FunctionSpec relay = stack.function("OrderEventsRelayFunction").orElseThrow();

    assertThat(place.aliases()).containsExactly(new FunctionAlias("live", 1));
    assertThat(relay.aliases()).isEmpty();
    assertThat(((ApiEvent) place.events().get(0)).stage())
        .isEqualTo(new ApiStage(ApiStage.Kind.REST, "OrdersApi", "dev", Map.of(), "1.0"));
    assertThat(Template.load(TEMPLATE, Map.of("ApiProvisionedConcurrency", "0")).specs())
        .satisfies(none ->
            assertThat(none.function("PlaceOrderFunction").orElseThrow().provisionedConcurrency())
                .isZero());
  }

  @Test
  void specs_notEmulated_namesIamLogsPoliciesAndFunctionSettings() {
    NotEmulated notes = stack.notEmulated();

    assertThat(notes.resources())
        .extracting(NotEmulated.Item::what)
        .contains(
            "AWS::IAM::Role",
            "AWS::Logs::LogGroup",
            "AWS::ApiGateway::Account",
            "AWS::SQS::QueuePolicy");
    assertThat(notes.properties())
        .extracting(NotEmulated.Item::where)
        .contains(
            "PlaceOrderFunction.Policies",
            "OrdersTable.PointInTimeRecoverySpecification",
            "PaymentsQueue.SqsManagedSseEnabled",
            "OrdersApi.MethodSettings");
    assertThat(notes.properties())
        .extracting(NotEmulated.Item::what)
        .doesNotContain(
            "Name",
            "Handler",
            "Events",
            "Environment",
            "KeySchema",
            "EventPattern",
            "AutoPublishAlias",
            "ProvisionedConcurrencyConfig",
            "RetryPolicy");
    assertThat(notes.summary()).startsWith("not emulated: resources ").doesNotContain("\n");
  }
}
