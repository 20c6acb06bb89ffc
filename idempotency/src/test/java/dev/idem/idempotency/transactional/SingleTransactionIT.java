package dev.idem.idempotency.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.Outcomes;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.ResponseTooLargeException;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import dev.idem.idempotency.internal.RecordIds;
import dev.idem.idempotency.props.DecisionLog;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.IdempotencyTables;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Single-transaction mode: claim, the work's writes and the record in one TransactWriteItems. */
@ExtendWith(DynamoDbLocalExtension.class)
class SingleTransactionIT {

  private static final String IDEMPOTENCY_TABLE = "single-tx-idempotency";
  private static final String PREFIX = "transfers";
  private static final long DEADLINE_SECONDS = 10;

  private static final CallCounter counter = new CallCounter();
  private static DynamoDbClient counted;
  private static DynamoDbClient plain;
  private static DynamoDbIdempotencyStore store;
  private static Accounts accounts;

  private final DecisionLog decisions = new DecisionLog();
  private final AtomicInteger runs = new AtomicInteger();
  private final String from = "from-" + UUID.randomUUID();
  private final String to = "to-" + UUID.randomUUID();
  private final String key = "key-" + UUID.randomUUID();

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    counted = db.client(counter);
    plain = db.client();
    IdempotencyTables.create(plain, IDEMPOTENCY_TABLE);
    accounts = Accounts.create(plain, "single-tx-accounts");
    store = DynamoDbIdempotencyStore.builder().client(counted).tableName(IDEMPOTENCY_TABLE).build();
  }

  @AfterAll
  static void dropTables() {
    accounts.drop();
    plain.deleteTable(r -> r.tableName(IDEMPOTENCY_TABLE));
    plain.close();
    counted.close();
  }

  @BeforeEach
  void openAccounts() {
    accounts.open(from, 100);
    accounts.open(to, 0);
    counter.reset();
  }

  @Test
  void executeInSingleTransaction_firstCall_commitsInOneTransactWriteItems() {
    String response = transfer(newIdempotency(), 30, "moved 30");

    assertThat(response).isEqualTo("moved 30");
    assertThat(counter.snapshot()).containsExactly(Map.entry("TransactWriteItems", 1L));
    assertBalances(70, 30);
    IdempotencyRecord record = record();
    assertThat(record.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(record.response()).isEqualTo("\"moved 30\"");
    assertThat(decisions.decisions()).containsExactly(Decision.FIRST_EXECUTION);
  }

  @Test
  void executeInSingleTransaction_duplicate_returnsStoredResponseAndWritesNothing() {
    transfer(newIdempotency(), 30, "moved 30");
    counter.reset();

    String duplicate = transfer(newIdempotency(), 30, "moved again");

    assertThat(duplicate).isEqualTo("moved 30");
    assertThat(runs).as("work runs before the claim in this mode").hasValue(2);
    assertThat(counter.snapshot()).containsExactly(Map.entry("TransactWriteItems", 1L));
    assertBalances(70, 30);
    assertThat(record().response()).isEqualTo("\"moved 30\"");
    assertThat(decisions.decisions()).containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY);
  }

  @Test
  void executeInSingleTransaction_effectConditionFails_returnsTheRejectionAndLeavesNoRecord() {
    Outcome.Rejected<String> rejected =
        Outcomes.rejected(transferOutcome(newIdempotency(), 150, "moved 150"));

    assertThat(rejected.writeIndex()).isEqualTo(0);
    assertThat(rejected.item().get("id").s()).isEqualTo(from);
    assertThat(rejected.item().get("balance").n()).isEqualTo("100");

    assertThat(counter.snapshot()).containsExactly(Map.entry("TransactWriteItems", 1L));
    assertBalances(100, 0);
    assertThat(store.get(recordId())).isEmpty();
  }

  @Test
  void executeInSingleTransaction_sameKeyOtherPayload_throwsPayloadMismatchAndWritesNothing() {
    transfer(newIdempotency(), 30, "moved 30");
    counter.reset();

    assertThatThrownBy(() -> transfer(newIdempotency(), 40, "moved 40"))
        .isInstanceOf(PayloadMismatchException.class);

    assertThat(counter.snapshot()).containsExactly(Map.entry("TransactWriteItems", 1L));
    assertBalances(70, 30);
    assertThat(record().response()).isEqualTo("\"moved 30\"");
    assertThat(decisions.decisions())
        .containsExactly(Decision.FIRST_EXECUTION, Decision.PAYLOAD_MISMATCH);
  }

  @Test
  void executeInSingleTransaction_keyHeldInGuardMode_throwsInFlightAndWritesNothing()
      throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<String> guarded =
          executor.submit(() ->
              newIdempotency()
                  .execute(
                      request(30),
                      String.class,
                      () -> {
                        holding.countDown();
                        awaitOrFail(resume);
                        return "guarded";
                      }));
      awaitOrFail(holding);
      counter.reset();

      assertThatThrownBy(() -> transfer(newIdempotency(), 30, "moved 30"))
          .isInstanceOf(InFlightException.class);
      assertThat(counter.snapshot()).containsExactly(Map.entry("TransactWriteItems", 1L));
      assertBalances(100, 0);
      assertThat(record().status()).isEqualTo(RecordStatus.IN_PROGRESS);

      resume.countDown();
      assertThat(guarded.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("guarded");
    } finally {
      resume.countDown();
      executor.shutdownNow();
    }
    assertThat(decisions.decisions()).containsExactly(Decision.IN_FLIGHT, Decision.FIRST_EXECUTION);
  }

  @Test
  void executeInSingleTransaction_responseTooLarge_throwsAndWritesNothing() {
    String huge = Responses.incompressible(600 * 1024);

    assertThatThrownBy(() -> transfer(newIdempotency(), 30, huge))
        .isInstanceOf(ResponseTooLargeException.class);

    assertThat(counter.total()).isZero();
    assertBalances(100, 0);
    assertThat(store.get(recordId())).isEmpty();
  }

  private String transfer(Idempotency idempotency, long amount, String response) {
    return Outcomes.done(transferOutcome(idempotency, amount, response));
  }

  private Outcome<String> transferOutcome(Idempotency idempotency, long amount, String response) {
    return idempotency.executeInSingleTransaction(
        request(amount),
        String.class,
        writes -> {
          runs.incrementAndGet();
          writes.update(accounts.debit(from, amount));
          writes.update(accounts.credit(to, amount));
          return response;
        });
  }

  private IdempotentRequest request(long amount) {
    return IdempotentRequest.of(key, Map.of("from", from, "to", to, "amount", amount));
  }

  private Idempotency newIdempotency() {
    return Idempotency.builder()
        .store(store)
        .keyPrefix(PREFIX)
        .cacheSize(0)
        .listener(decisions)
        .build();
  }

  private void assertBalances(long fromBalance, long toBalance) {
    assertThat(accounts.balance(from)).as("balance of the debited account").isEqualTo(fromBalance);
    assertThat(accounts.balance(to)).as("balance of the credited account").isEqualTo(toBalance);
  }

  private IdempotencyRecord record() {
    return store.get(recordId()).orElseThrow();
  }

  private String recordId() {
    return RecordIds.of(PREFIX, null, key);
  }

  private static void awaitOrFail(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("latch reached").isTrue();
  }
}
