package dev.idem.idempotency.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.Outcomes;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Transactional completion: the work's writes and the completed record land together or not. */
@ExtendWith(DynamoDbLocalExtension.class)
class TransactionalCompletionIT {

  private static final String IDEMPOTENCY_TABLE = "tx-completion-idempotency";
  private static final String PREFIX = "transfers";

  private static final CallCounter counter = new CallCounter();
  private static DynamoDbClient counted;
  private static DynamoDbClient plain;
  private static DynamoDbIdempotencyStore store;
  private static Accounts accounts;

  private final DecisionLog decisions = new DecisionLog();
  private final String account = "acct-" + UUID.randomUUID();
  private final String key = "key-" + UUID.randomUUID();

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    counted = db.client(counter);
    plain = db.client();
    IdempotencyTables.create(plain, IDEMPOTENCY_TABLE);
    accounts = Accounts.create(plain, "tx-completion-accounts");
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
  void resetCounter() {
    counter.reset();
  }

  @Test
  void executeTransactional_firstCall_commitsWritesWithCompletedRecord() {
    accounts.open(account, 100);

    String response = debit(newIdempotency(), 30, "entry-" + key, "debited 30");

    assertThat(response).isEqualTo("debited 30");
    assertThat(accounts.balance(account)).isEqualTo(70);
    assertThat(accounts.exists("entry-" + key)).isTrue();
    assertThat(counter.snapshot())
        .containsExactlyInAnyOrderEntriesOf(Map.of("PutItem", 1L, "TransactWriteItems", 1L));
    IdempotencyRecord record = record();
    assertThat(record.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(record.response()).isEqualTo("\"debited 30\"");
    assertThat(decisions.decisions()).containsExactly(Decision.FIRST_EXECUTION);
  }

  @Test
  void executeTransactional_duplicate_returnsStoredResponseAndDebitsOnce() {
    accounts.open(account, 100);
    debit(newIdempotency(), 30, "entry-" + key, "debited 30");
    counter.reset();

    String duplicate = debit(newIdempotency(), 30, "entry-dup-" + key, "debited again");

    assertThat(duplicate).isEqualTo("debited 30");
    assertThat(accounts.balance(account)).isEqualTo(70);
    assertThat(accounts.exists("entry-dup-" + key)).isFalse();
    assertThat(counter.snapshot()).containsExactly(Map.entry("PutItem", 1L));
    assertThat(decisions.decisions()).containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY);
  }

  @Test
  void executeTransactional_effectConditionFails_returnsTheRejectionWritesNothingAndReleasesKey() {
    accounts.open(account, 20);
    Idempotency idempotency = newIdempotency();

    Outcome.Rejected<String> rejected =
        Outcomes.rejected(debitOutcome(idempotency, 50, "entry-" + key, "debited 50"));

    assertThat(rejected.writeIndex()).isEqualTo(1);
    assertThat(rejected.item().get("id").s()).isEqualTo(account);
    assertThat(rejected.item().get("balance").n()).isEqualTo("20");

    assertThat(accounts.balance(account)).isEqualTo(20);
    assertThat(accounts.exists("entry-" + key)).isFalse();
    assertThat(store.get(recordId())).isEmpty();
    assertThat(decisions.decisions()).containsExactly(Decision.RELEASED);
  }

  @Test
  void executeTransactional_retryAfterConditionHolds_runsAndCommits() {
    accounts.open(account, 20);
    Idempotency idempotency = newIdempotency();
    assertThat(debitOutcome(idempotency, 50, "entry-" + key, "debited 50"))
        .isInstanceOf(Outcome.Rejected.class);
    accounts.open(account, 60);

    String retried = debit(idempotency, 50, "entry-" + key, "debited 50");

    assertThat(retried).isEqualTo("debited 50");
    assertThat(accounts.balance(account)).isEqualTo(10);
    assertThat(accounts.exists("entry-" + key)).isTrue();
    assertThat(record().status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(decisions.decisions()).containsExactly(Decision.RELEASED, Decision.FIRST_EXECUTION);
  }

  @Test
  void executeTransactional_responseTooLarge_writesNothingAndReleasesKey() {
    accounts.open(account, 100);
    String huge = Responses.incompressible(600 * 1024);

    assertThatThrownBy(() -> debit(newIdempotency(), 30, "entry-" + key, huge))
        .isInstanceOf(ResponseTooLargeException.class);

    assertThat(accounts.balance(account)).isEqualTo(100);
    assertThat(accounts.exists("entry-" + key)).isFalse();
    assertThat(store.get(recordId())).isEmpty();
    assertThat(counter.count("TransactWriteItems")).isZero();
  }

  @Test
  void executeTransactional_workThrows_writesNothingAndReleasesKey() {
    accounts.open(account, 100);
    AtomicInteger runs = new AtomicInteger();
    IllegalStateException failure = new IllegalStateException("downstream refused");

    assertThatThrownBy(() ->
            newIdempotency()
                .executeTransactional(
                    IdempotentRequest.of(key, Map.of("amount", 30)),
                    String.class,
                    writes -> {
                      runs.incrementAndGet();
                      writes.update(accounts.debit(account, 30));
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(runs).hasValue(1);
    assertThat(accounts.balance(account)).isEqualTo(100);
    assertThat(store.get(recordId())).isEmpty();
    assertThat(counter.count("TransactWriteItems")).isZero();
  }

  private String debit(Idempotency idempotency, long amount, String entry, String response) {
    return Outcomes.done(debitOutcome(idempotency, amount, entry, response));
  }

  private Outcome<String> debitOutcome(
      Idempotency idempotency, long amount, String entry, String response) {
    return idempotency.executeTransactional(
        IdempotentRequest.of(key, Map.of("account", account, "amount", amount)),
        String.class,
        writes -> {
          writes.put(accounts.entry(entry, account, amount));
          writes.update(accounts.debit(account, amount));
          return response;
        });
  }

  private Idempotency newIdempotency() {
    return Idempotency.builder()
        .store(store)
        .keyPrefix(PREFIX)
        .cacheSize(0)
        .listener(decisions)
        .build();
  }

  private IdempotencyRecord record() {
    return store.get(recordId()).orElseThrow();
  }

  private String recordId() {
    return RecordIds.of(PREFIX, null, key);
  }
}
