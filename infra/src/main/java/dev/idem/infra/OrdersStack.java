package dev.idem.infra;

import dev.idem.infra.constructs.DeadLetterQueue;
import dev.idem.infra.constructs.DeadLetterQueueProps;
import dev.idem.infra.constructs.IdempotencyTable;
import dev.idem.infra.constructs.IdempotencyTableProps;
import dev.idem.infra.constructs.IdempotentFunction;
import dev.idem.infra.constructs.MonitoredQueue;
import dev.idem.infra.constructs.MonitoredQueueProps;
import dev.idem.infra.constructs.OrdersApi;
import dev.idem.infra.constructs.OrdersApiProps;
import dev.idem.infra.constructs.QueueConsumer;
import dev.idem.infra.constructs.QueueConsumerProps;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The orders reference system, template.yaml's twin: four tables, the orders API over PlaceOrder
 * and GetOrder, the stream relay onto the event bus, four routing rules, three queue consumers and
 * the review queue, each queue with its dead-letter queue and alarms. It only composes the
 * constructs of {@code dev.idem.infra.constructs} (the functions come from {@link OrderFunctions});
 * {@code TemplateParityTest} keeps it and template.yaml describing the same system.
 */
public final class OrdersStack extends Stack {

  static final String PLACE_ORDER = OrderFunctions.PLACE_ORDER;
  static final String GET_ORDER = OrderFunctions.GET_ORDER;

  /** 6 x 20 s + 1 s = 121 s is the least; 180 s leaves room for a slow provider call at the end. */
  private static final Duration CONSUMER_VISIBILITY_TIMEOUT = Duration.seconds(180);

  private final StageSettings settings;
  private final IAlarmAction alarmAction;
  private final Table orders;
  private final EventBus bus;
  private final DeadLetterQueue routingFailures;
  private final OrderFunctions functions;

  /**
   * Creates the stack.
   *
   * @param settings the stage's settings (from CDK context)
   * @param code the functions' deployment package
   */
  public OrdersStack(Construct scope, String id, StageSettings settings, Code code) {
    super(scope, id, StackProps.builder().description(description()).build());
    this.settings = settings;
    this.alarmAction = alarmAction();
    this.orders = referenceTable("OrdersTable", "orderId", StreamViewType.NEW_AND_OLD_IMAGES);
    Table catalog = referenceTable("CatalogTable", "sku", null);
    Table inventory = referenceTable("InventoryTable", "sku", null);
    IdempotencyTable idempotency =
        new IdempotencyTable(
            this,
            "IdempotencyTable",
            IdempotencyTableProps.builder().deletionProtection(settings.isProd()).build());
    this.bus =
        EventBus.Builder.create(this, "OrdersEventBus").eventBusName(name("idem-orders-")).build();
    this.routingFailures = new DeadLetterQueue(this, "EventRoutingDLQ", deadLetterProps());
    this.functions =
        new OrderFunctions(
            this,
            settings,
            code,
            new OrderFunctions.Tables(orders, catalog, inventory, idempotency));
    OrdersApi api = api();
    DeadLetterQueue relayFailures = relay();
    // Payment is on the order's way to PAID, which a customer waits for: no batching window.
    // Reservations and notifications are not waited on, and gather batches for up to a second.
    QueueConsumer payments = consumer("Payments", functions.capturePayment(), Duration.seconds(0));
    QueueConsumer reservations =
        consumer("Inventory", functions.reserveInventory(), Duration.seconds(1));
    QueueConsumer notifications =
        consumer("Notifications", functions.notifyCustomer(), Duration.seconds(1));
    MonitoredQueue review = reviewQueue();
    routes(payments.queue(), reservations.queue(), notifications.queue(), review.queue());
    output("ApiUrl", api.url());
    output("OrdersTableName", orders.getTableName());
    output("CatalogTableName", catalog.getTableName());
    output("InventoryTableName", inventory.getTableName());
    output("IdempotencyTableName", idempotency.tableName());
    output("EventBusName", bus.getEventBusName());
    queueOutputs("Payments", payments.monitoredQueue());
    queueOutputs("Inventory", reservations.monitoredQueue());
    queueOutputs("Notifications", notifications.monitoredQueue());
    queueOutputs("Review", review);
    output("OrderEventsRelayDLQUrl", relayFailures.queue().getQueueUrl());
    output("EventRoutingDLQUrl", routingFailures.queue().getQueueUrl());
  }

  private static String description() {
    return "Idem reference system (orders): an HTTP API that places and reads orders, a DynamoDB"
        + " stream relay that publishes every order transition to an EventBridge bus, and three SQS"
        + " consumers (payments, inventory, notifications), each with its own dead-letter queue."
        + " Every handler is idempotent (dev.idem:idem-idempotency).";
  }

  private String name(String prefix) {
    return prefix + settings.stage();
  }

  private IAlarmAction alarmAction() {
    return settings.alarmTopicArn() == null
        ? null
        : new SnsAction(Topic.fromTopicArn(this, "AlarmTopic", settings.alarmTopicArn()));
  }

  /** Deletion protection on the prod stage only; every other stage deletes cleanly. */
  private Table referenceTable(String id, String key, StreamViewType stream) {
    return Table.Builder.create(this, id)
        .partitionKey(Attribute.builder().name(key).type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .stream(stream)
        .encryption(TableEncryption.AWS_MANAGED)
        .pointInTimeRecoverySpecification(
            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(settings.isProd())
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }

  private OrdersApi api() {
    return new OrdersApi(
        this,
        "OrdersApi",
        OrdersApiProps.builder(functions.placeOrder(), functions.getOrder())
            .stageName(settings.stage())
            .apiName(name("idem-orders-"))
            .throttlingRateLimit(settings.apiThrottlingRateLimit())
            .throttlingBurstLimit(settings.apiThrottlingBurstLimit())
            .accessLogGroupName("/idem/" + settings.stage() + "/api/access")
            .build());
  }

  /**
   * The relay reads the Orders stream. Batches it could not publish after its retries go to its
   * dead-letter queue (Lambda sends the batch's stream coordinates, not the records; replay from
   * the stream within its 24 hours).
   */
  private DeadLetterQueue relay() {
    DeadLetterQueue failures = new DeadLetterQueue(this, "OrderEventsRelayDLQ", deadLetterProps());
    IdempotentFunction relay = functions.relay(bus);
    relay
        .alias()
        .addEventSource(
            new DynamoEventSource(
                orders,
                DynamoEventSourceProps.builder()
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .batchSize(25)
                    // No batching window: the relay is on the order's way to PAID, which a
                    // customer waits for; it forwards what each read of the stream returns.
                    .retryAttempts(5)
                    .maxRecordAge(Duration.hours(1))
                    .bisectBatchOnError(true)
                    .reportBatchItemFailures(true)
                    .onFailure(new SqsDlq(failures.queue()))
                    .build()));
    return failures;
  }

  private DeadLetterQueueProps deadLetterProps() {
    return DeadLetterQueueProps.builder().alarmAction(alarmAction).build();
  }

  private QueueConsumer consumer(String id, IdempotentFunction fn, Duration batchingWindow) {
    return new QueueConsumer(
        this,
        id,
        QueueConsumerProps.builder(fn)
            .queue(
                MonitoredQueueProps.builder()
                    .visibilityTimeout(CONSUMER_VISIBILITY_TIMEOUT)
                    .alarmAction(alarmAction)
                    .build())
            .batchSize(10)
            .maxBatchingWindow(batchingWindow)
            .maxConcurrency(settings.queueMaximumConcurrency())
            .build());
  }

  /** No Lambda consumer: people (or their tools) read it, with 5 minutes to act on a message. */
  private MonitoredQueue reviewQueue() {
    return new MonitoredQueue(
        this,
        "Review",
        MonitoredQueueProps.builder()
            .visibilityTimeout(Duration.minutes(5))
            .oldestMessageAgeThreshold(Duration.days(1))
            .alarmAction(alarmAction)
            .build());
  }

  private void routes(IQueue payments, IQueue reservations, IQueue notifications, IQueue review) {
    EventPattern orderPlaced =
        EventPattern.builder()
            .source(List.of("idem.orders"))
            .detailType(List.of("OrderPlaced"))
            .build();
    route("OrderPlacedToPayments", "OrderPlaced -> payments queue", orderPlaced, payments);
    route("OrderPlacedToInventory", "OrderPlaced -> inventory queue", orderPlaced, reservations);
    route(
        "HighValueOrderToReview",
        "OrderPlaced with total >= " + settings.highValueOrderThreshold() + " -> review queue",
        highValueOrderPlaced(),
        review);
    route(
        "PaymentAndInventoryToNotifications",
        "Payment* and Inventory* events -> notifications queue",
        EventPattern.builder()
            .detailType(Match.anyOf(Match.prefix("Payment"), Match.prefix("Inventory")))
            .build(),
        notifications);
  }

  private EventPattern highValueOrderPlaced() {
    Map<String, Object> total =
        Map.of(
            "total", List.of(Map.of("numeric", List.of(">=", settings.highValueOrderThreshold()))));
    return EventPattern.builder()
        .source(List.of("idem.orders"))
        .detailType(List.of("OrderPlaced"))
        .detail(Map.of("data", total))
        .build();
  }

  /**
   * Every target retries for EventBridge's maximum (24 h, 185 attempts), then parks the event in
   * the routing dead-letter queue instead of dropping it.
   */
  private void route(String id, String description, EventPattern pattern, IQueue queue) {
    Rule.Builder.create(this, id)
        .eventBus(bus)
        .description(description)
        .eventPattern(pattern)
        .targets(
            List.of(
                new SqsQueue(
                    queue,
                    SqsQueueProps.builder()
                        .retryAttempts(185)
                        .maxEventAge(Duration.hours(24))
                        .deadLetterQueue(routingFailures.queue())
                        .build())))
        .build();
  }

  private void queueOutputs(String role, MonitoredQueue queue) {
    output(role + "QueueUrl", queue.queue().getQueueUrl());
    output(role + "DLQUrl", queue.deadLetterQueue().queue().getQueueUrl());
  }

  private void output(String name, String value) {
    CfnOutput.Builder.create(this, name).value(value).build();
  }
}
