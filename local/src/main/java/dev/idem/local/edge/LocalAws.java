package dev.idem.local.edge;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.aws.AwsService;
import dev.idem.local.eventbridge.EventBridgeService;
import dev.idem.local.eventbridge.SqsTargetSender;
import dev.idem.local.http.HttpEndpoint;
import dev.idem.local.sqs.MessageMoveApi;
import dev.idem.local.sqs.MessageMoveTasks;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.ElasticMq;
import dev.idem.testing.QueueContents;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The AWS side of the local cloud, started as one: the edge endpoint, DynamoDB Local ({@code
 * -sharedDb}, so any dummy credentials and region see the same tables), ElasticMQ (queue URLs on
 * the edge port, with SQS's message move tasks in front of it) and the EventBridge service
 * (delivering to ElasticMQ). The edge binds its port first, so a taken port fails at once, before
 * the backends start (they start in parallel).
 *
 * <p>The caller adds the Lambda route ({@code router().route(AwsService.LAMBDA, lambdaApi)}),
 * provisions the template, then calls {@code router().markReady()}.
 *
 * {@snippet :
 * try (LocalAws aws = LocalAws.start(4566)) {
 *   ProvisionedStack stack = new Provisioner(aws.clients()).provision(template); // dev.idem.local.provision
 *   aws.router().markReady();
 * }
 * }
 */
public final class LocalAws implements AutoCloseable {

  private final EdgeRouter router;
  private final HttpEndpoint edge;
  private final DynamoDbLocal dynamoDb;
  private final ElasticMq sqs;
  private final AwsClients backendClients;
  private final EventBridgeService eventBridge;
  private final MessageMoveTasks moveTasks;
  private final AwsClients clients;

  private LocalAws(
      EdgeRouter router,
      HttpEndpoint edge,
      DynamoDbLocal dynamoDb,
      ElasticMq sqs,
      Clock clock,
      Duration scheduleTick) {
    this.router = router;
    this.edge = edge;
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.backendClients = AwsClients.create(sqs.endpoint());
    this.eventBridge =
        new EventBridgeService(new SqsTargetSender(backendClients.sqs()), clock, scheduleTick);
    router.forward(AwsService.DYNAMODB, dynamoDb.endpoint());
    this.moveTasks = new MessageMoveTasks(backendClients.sqs(), clock);
    router.forward(
        AwsService.SQS, sqs.endpoint(), backend -> new MessageMoveApi(moveTasks, backend));
    router.route(AwsService.EVENTS, eventBridge);
    this.clients = AwsClients.create(edge.url());
  }

  /**
   * Starts everything; port 0 picks a free edge port.
   *
   * @throws dev.idem.local.http.PortInUseException when the edge port is taken
   * @throws IllegalStateException when a backend cannot start
   */
  public static LocalAws start(int edgePort) {
    return start(HttpEndpoint.LOOPBACK, edgePort);
  }

  /**
   * Starts everything with the edge listening on {@code bindAddress} (the backends behind it stay
   * on loopback); port 0 picks a free edge port.
   *
   * @throws dev.idem.local.http.PortInUseException when the edge port is taken
   * @throws IllegalStateException when a backend cannot start
   */
  public static LocalAws start(String bindAddress, int edgePort) {
    return start(bindAddress, edgePort, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  /**
   * Starts everything with the edge listening on {@code bindAddress}, EventBridge reading {@code
   * clock} every {@code scheduleTick} for schedules that are due (a test moves a test clock).
   *
   * @throws dev.idem.local.http.PortInUseException when the edge port is taken
   * @throws IllegalStateException when a backend cannot start
   */
  public static LocalAws start(
      String bindAddress, int edgePort, Clock clock, Duration scheduleTick) {
    EdgeRouter router = new EdgeRouter();
    HttpEndpoint edge = HttpEndpoint.start("edge", bindAddress, edgePort, router);
    try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<DynamoDbLocal> dynamoDb =
          CompletableFuture.supplyAsync(() -> warmedUp(DynamoDbLocal.start(true)), starter);
      CompletableFuture<ElasticMq> sqs =
          CompletableFuture.supplyAsync(() -> ElasticMq.startBehind(edge.port()), starter);
      try {
        return new LocalAws(router, edge, dynamoDb.join(), sqs.join(), clock, scheduleTick);
      } catch (RuntimeException e) {
        dynamoDb.thenAccept(DynamoDbLocal::close);
        sqs.thenAccept(ElasticMq::close);
        edge.close();
        throw e instanceof java.util.concurrent.CompletionException
                && e.getCause() instanceof RuntimeException cause
            ? cause
            : e;
      }
    }
  }

  // DynamoDB Local's first answer takes over a second: take it while ElasticMQ still starts.
  private static DynamoDbLocal warmedUp(DynamoDbLocal dynamoDb) {
    try (AwsClients direct = AwsClients.create(dynamoDb.endpoint())) {
      direct.dynamoDb().listTables();
    }
    return dynamoDb;
  }

  /** The edge's URL, e.g. {@code http://127.0.0.1:4566}. */
  public URI edgeUrl() {
    return edge.url();
  }

  /** The router behind the edge: add routes, mark ready. */
  public EdgeRouter router() {
    return router;
  }

  /** The EventBridge service the edge routes {@code events} to. */
  public EventBridgeService eventBridge() {
    return eventBridge;
  }

  /** DynamoDB Local's own endpoint, bypassing the edge (for measuring the edge's overhead). */
  public URI dynamoDbEndpoint() {
    return dynamoDb.endpoint();
  }

  /** What the queues hold, read without receiving (SQS has no peek). */
  public QueueContents queueContents() {
    return sqs.contents();
  }

  /** ElasticMQ's own endpoint, bypassing the edge. */
  public URI sqsEndpoint() {
    return sqs.endpoint();
  }

  /** SDK clients pointed at the edge, with dummy credentials; closed with this. */
  public AwsClients clients() {
    return clients;
  }

  /** Stops the edge first (no new requests), then EventBridge deliveries, then the backends. */
  @Override
  public void close() {
    edge.close();
    eventBridge.close();
    moveTasks.close();
    clients.close();
    backendClients.close();
    sqs.close();
    dynamoDb.close();
  }
}
