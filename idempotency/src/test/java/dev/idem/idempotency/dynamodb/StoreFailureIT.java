package dev.idem.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.FaultInjector;
import dev.idem.testing.FaultInjector.Fault;
import dev.idem.testing.IdempotencyTables;
import dev.idem.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.Put;

/** The store's failures, injected below the SDK: throttling and refused connections. */
@ExtendWith(DynamoDbLocalExtension.class)
class StoreFailureIT {

  private static final String TABLE = "store_failure_it";
  private static final String BUSINESS = "store_failure_business_it";

  private final FaultInjector faults =
      new FaultInjector(
          UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1)).build());
  private final List<DecisionEvent> decisions = new CopyOnWriteArrayList<>();
  private final TestClock clock = TestClock.atCurrentSecond();
  private DynamoDbClient client;
  private DynamoDbIdempotencyStore store;
  private Idempotency idempotency;

  @BeforeEach
  void setUp(DynamoDbLocal db) {
    client =
        DynamoDbClient.builder()
            .endpointOverride(db.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(faults)
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build();
    if (!client.listTables().tableNames().contains(TABLE)) {
      IdempotencyTables.create(client, TABLE);
      client.createTable(r ->
          r.tableName(BUSINESS)
              .keySchema(KeySchemaElement.builder().attributeName("pk").keyType("HASH").build())
              .attributeDefinitions(
                  AttributeDefinition.builder().attributeName("pk").attributeType("S").build())
              .billingMode("PAY_PER_REQUEST"));
    }
    store = DynamoDbIdempotencyStore.builder().client(client).tableName(TABLE).build();
    idempotency =
        Idempotency.builder()
            .store(store)
            .keyPrefix("failures")
            .cacheSize(0)
            .clock(clock)
            .leaseDuration(Duration.ofSeconds(30))
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onDecision(DecisionEvent event) {
                    decisions.add(event);
                  }
                })
            .build();
  }

  @AfterEach
  void tearDown() {
    faults.clear();
    client.close();
  }

  @Test
  void execute_claimThrottledOnce_sdkRetriesAndWorkRunsOnce() {
    faults.throttle("PutItem", 1);
    AtomicInteger runs = new AtomicInteger();

    String response =
        idempotency.execute(request(), String.class, () -> "ran-" + runs.incrementAndGet());

    assertThat(response).isEqualTo("ran-1");
    assertThat(faults.faulted("PutItem")).isEqualTo(1);
    assertThat(decisions)
        .extracting(DecisionEvent::decision)
        .containsExactly(Decision.FIRST_EXECUTION);
  }

  @Test
  void execute_claimAlwaysThrottled_storeExceptionAndWorkNeverRuns() {
    faults.failAlways("PutItem", Fault.THROTTLE);
    AtomicInteger runs = new AtomicInteger();
    IdempotentRequest request = request();

    assertThatThrownBy(
            () -> idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet()))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining("PutItem")
        .hasMessageContaining(TABLE)
        .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(runs).hasValue(0);
    assertThat(faults.faulted("PutItem")).as("bounded retries").isBetween(2, 4);
    faults.clear();
    assertThat(client.scan(r -> r.tableName(TABLE)).items())
        .noneMatch(item -> item.get("id").s().equals(recordIdOf(request)));
  }

  @Test
  void execute_completionConnectionRefused_returnsResponseAndKeyStaysHeldUntilLeaseEnds() {
    faults.failAlways("UpdateItem", Fault.CONNECTION_REFUSED);
    AtomicInteger runs = new AtomicInteger();
    IdempotentRequest request = request();

    String response =
        idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet());
    faults.clear();

    assertThat(response).as("the effect happened: the caller gets its result").isEqualTo("ran-1");
    assertThat(decisions)
        .extracting(DecisionEvent::decision)
        .containsExactly(Decision.COMPLETION_FAILED);
    assertThat(store.get(recordIdOf(request)))
        .get()
        .extracting(r -> r.status())
        .isEqualTo(RecordStatus.IN_PROGRESS);
    assertThatThrownBy(
            () -> idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet()))
        .isInstanceOf(InFlightException.class);

    clock.advance(Duration.ofSeconds(31));
    assertThat(idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet()))
        .isEqualTo("ran-2");
  }

  // Found by the exactly-once auditor (bin/idem bench exactly-once, fault seed 2): the relay's
  // claim was applied, its answer lost, and the SDK's retry found the record in progress; the
  // relay took it for another invocation's, reported the record failed until the stream gave up,
  // and the record's events were never published.
  @Test
  void execute_workFailsAndReleaseRefused_userExceptionCarriesReleaseFailure() {
    faults.failAlways("DeleteItem", Fault.CONNECTION_REFUSED);
    IOException failure = new IOException("provider down");

    assertThatThrownBy(() ->
            idempotency.execute(
                request(),
                String.class,
                () -> {
                  throw failure;
                }))
        .isSameAs(failure);
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOf(IdempotencyStoreException.class);
  }

  @Test
  void executeTransactional_commitAlwaysThrottled_nothingLandsAndKeyIsReleased() {
    faults.failAlways("TransactWriteItems", Fault.THROTTLE);
    IdempotentRequest request = request();
    String pk = UUID.randomUUID().toString();

    assertThatThrownBy(() ->
            idempotency.executeTransactional(
                request, String.class, writes -> businessPut(writes, pk)))
        .isInstanceOf(IdempotencyStoreException.class);
    faults.clear();

    assertThat(
            client
                .getItem(r -> r.tableName(BUSINESS).key(Map.of("pk", AttributeValue.fromS(pk))))
                .hasItem())
        .isFalse();
    assertThat(store.get(recordIdOf(request))).isEmpty();
    assertThat(
            idempotency.executeTransactional(
                request, String.class, writes -> businessPut(writes, pk)))
        .isEqualTo(new Outcome.Done<>("written"));
  }

  @Test
  void execute_claimAnswerLost_sdkRetryFindsItsOwnClaimAndTheWorkRunsOnce() {
    faults.loseAnswer("PutItem", 1);
    AtomicInteger runs = new AtomicInteger();
    IdempotentRequest request = request();

    String response =
        idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet());

    assertThat(response).isEqualTo("ran-1");
    assertThat(faults.faulted("PutItem")).isEqualTo(1);
    assertThat(store.get(recordIdOf(request)))
        .get()
        .extracting(r -> r.status())
        .isEqualTo(RecordStatus.COMPLETED);
    assertThat(decisions)
        .extracting(DecisionEvent::decision)
        .containsExactly(Decision.FIRST_EXECUTION);
  }

  @Test
  void executeTransactional_claimAnswerLost_sdkRetryFindsItsOwnClaimAndCommitsOnce() {
    faults.loseAnswer("PutItem", 1);
    IdempotentRequest request = request();
    String pk = UUID.randomUUID().toString();

    assertThat(
            idempotency.executeTransactional(
                request, String.class, writes -> businessPut(writes, pk)))
        .isEqualTo(new Outcome.Done<>("written"));
    assertThat(store.get(recordIdOf(request)))
        .get()
        .extracting(r -> r.status())
        .isEqualTo(RecordStatus.COMPLETED);
  }

  @Test
  void execute_completionAnswerLost_responseReturnedRecordCompletedAndReplayed() {
    faults.loseAnswer("UpdateItem", 1);
    AtomicInteger runs = new AtomicInteger();
    IdempotentRequest request = request();

    String response =
        idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet());

    assertThat(response).isEqualTo("ran-1");
    assertThat(store.get(recordIdOf(request)))
        .get()
        .extracting(r -> r.status())
        .isEqualTo(RecordStatus.COMPLETED);
    assertThat(idempotency.execute(request, String.class, () -> "ran-" + runs.incrementAndGet()))
        .isEqualTo("ran-1");
  }

  @Test
  void executeTransactional_commitAnswerLost_sdkRetryWithTheSameTokenSucceedsAndCommitsOnce() {
    faults.loseAnswer("TransactWriteItems", 1);
    IdempotentRequest request = request();
    String pk = UUID.randomUUID().toString();

    Outcome<String> response =
        idempotency.executeTransactional(request, String.class, writes -> businessPut(writes, pk));

    assertThat(response).isEqualTo(new Outcome.Done<>("written"));
    assertThat(faults.faulted("TransactWriteItems")).isEqualTo(1);
    assertThat(store.get(recordIdOf(request)))
        .get()
        .extracting(r -> r.status())
        .isEqualTo(RecordStatus.COMPLETED);
    assertThat(
            idempotency.executeTransactional(
                request, String.class, writes -> businessPut(writes, pk)))
        .isEqualTo(new Outcome.Done<>("written", true));
  }

  private static String businessPut(TransactionWrites writes, String pk) {
    writes.put(
        Put.builder().tableName(BUSINESS).item(Map.of("pk", AttributeValue.fromS(pk))).build());
    return "written";
  }

  private static IdempotentRequest request() {
    return IdempotentRequest.of(UUID.randomUUID().toString(), Map.of("amount", 42));
  }

  private static String recordIdOf(IdempotentRequest request) {
    return dev.idem.idempotency.internal.RecordIds.of("failures", null, request.key());
  }
}
