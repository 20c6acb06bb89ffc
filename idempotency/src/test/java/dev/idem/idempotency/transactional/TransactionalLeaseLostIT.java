package dev.idem.idempotency.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.LeaseLostException;
import dev.idem.idempotency.Outcomes;
import dev.idem.idempotency.TransactionalWork;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import dev.idem.idempotency.internal.RecordIds;
import dev.idem.idempotency.props.DecisionLog;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.IdempotencyTables;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A holder that outlives its lease under transactional completion commits nothing. */
@ExtendWith(DynamoDbLocalExtension.class)
class TransactionalLeaseLostIT {

  private static final String IDEMPOTENCY_TABLE = "tx-lease-lost-idempotency";
  private static final String PREFIX = "transfers";
  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final long DEADLINE_SECONDS = 10;

  private static DynamoDbClient client;
  private static DynamoDbIdempotencyStore store;
  private static Accounts accounts;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final TestClock clock = new TestClock(Instant.parse("2100-01-01T00:00:00Z"));
  private final DecisionLog decisions = new DecisionLog();
  private final String account = "acct-" + UUID.randomUUID();
  private final String key = "key-" + UUID.randomUUID();

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    client = db.client();
    IdempotencyTables.create(client, IDEMPOTENCY_TABLE);
    accounts = Accounts.create(client, "tx-lease-lost-accounts");
    store = DynamoDbIdempotencyStore.builder().client(client).tableName(IDEMPOTENCY_TABLE).build();
  }

  @AfterAll
  static void dropTables() {
    accounts.drop();
    client.deleteTable(r -> r.tableName(IDEMPOTENCY_TABLE));
    client.close();
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void executeTransactional_leaseTakenOverBeforeCommit_throwsLeaseLostAndCommitsNothing()
      throws Exception {
    accounts.open(account, 100);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    Future<String> first =
        executor.submit(() ->
            transfer(
                newIdempotency(),
                writes -> {
                  writes.put(accounts.entry("entry-1-" + key, account, 50));
                  writes.update(accounts.debit(account, 50));
                  holding.countDown();
                  awaitOrFail(resume);
                  return "holder 1";
                }));
    awaitOrFail(holding);

    clock.advance(LEASE.plusSeconds(1));
    String second =
        transfer(
            newIdempotency(),
            writes -> {
              writes.put(accounts.entry("entry-2-" + key, account, 30));
              writes.update(accounts.debit(account, 30));
              return "holder 2";
            });
    resume.countDown();

    assertThat(second).isEqualTo("holder 2");
    assertThatThrownBy(() -> first.get(DEADLINE_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(LeaseLostException.class);
    assertThat(accounts.balance(account)).isEqualTo(70);
    assertThat(accounts.exists("entry-1-" + key)).isFalse();
    assertThat(accounts.exists("entry-2-" + key)).isTrue();
    IdempotencyRecord record = store.get(RecordIds.of(PREFIX, null, key)).orElseThrow();
    assertThat(record.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(record.response()).isEqualTo("\"holder 2\"");
    assertThat(decisions.decisions()).containsExactly(Decision.LEASE_TAKEOVER, Decision.LEASE_LOST);
  }

  @Test
  void executeTransactional_leaseExpiredButNotTakenOver_stillCommits() throws Exception {
    accounts.open(account, 100);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    Future<String> first =
        executor.submit(() ->
            transfer(
                newIdempotency(),
                writes -> {
                  writes.update(accounts.debit(account, 50));
                  holding.countDown();
                  awaitOrFail(resume);
                  return "holder 1";
                }));
    awaitOrFail(holding);

    clock.advance(LEASE.plusSeconds(1));
    resume.countDown();

    assertThat(first.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("holder 1");
    assertThat(accounts.balance(account)).isEqualTo(50);
    assertThat(decisions.decisions()).containsExactly(Decision.FIRST_EXECUTION);
  }

  private String transfer(Idempotency idempotency, TransactionalWork<String, Exception> work)
      throws Exception {
    return Outcomes.done(
        idempotency.executeTransactional(
            IdempotentRequest.of(key, Map.of("account", account)), String.class, work));
  }

  private Idempotency newIdempotency() {
    return Idempotency.builder()
        .store(store)
        .keyPrefix(PREFIX)
        .leaseDuration(LEASE)
        .clock(clock)
        .cacheSize(0)
        .listener(decisions)
        .build();
  }

  private static void awaitOrFail(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("latch reached").isTrue();
  }
}
