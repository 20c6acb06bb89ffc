package dev.idem.bench;

import dev.idem.bench.Orders.Order;
import dev.idem.bench.Orders.Receipt;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.Outcome;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler run bare and under each of the library's call shapes. First calls use a fresh key per
 * invocation; duplicates cycle through {@value #REPLAY_KEYS} keys completed beforehand.
 */
final class IdempotencyModes {

  /** Keys completed before measuring, replayed by the duplicate modes. */
  static final int REPLAY_KEYS = 500;

  private final DynamoDbClient client;
  private final Idempotency firstCalls;
  private final Idempotency uncached;
  private final Idempotency cached;

  IdempotencyModes(IdempotencyWorkload workload) {
    this.client = workload.client();
    this.firstCalls = workload.idempotency(1_000);
    this.uncached = workload.idempotency(0);
    this.cached = workload.idempotency(1_000);
  }

  /** Completes the keys that the duplicate modes replay, and fills the cache of the cached one. */
  void prepare() {
    for (int i = 0; i < REPLAY_KEYS; i++) {
      Order order = Orders.order(i);
      Receipt receipt = Orders.receipt(order);
      uncached.execute(IdempotentRequest.of("replay-" + i, order), Receipt.class, () -> receipt);
      cached.execute(IdempotentRequest.of("cached-" + i, order), Receipt.class, () -> receipt);
    }
  }

  List<Mode> all() {
    return List.of(
        new Mode("bare", "the handler alone: PutItem of the order", this::bare),
        new Mode("guard_first", "execute, new key: claim, handler, complete", this::guardFirst),
        new Mode(
            "txn_completion_first",
            "executeTransactional, new key: claim, then order + record in one transaction",
            this::txnCompletionFirst),
        new Mode(
            "single_txn_first",
            "executeInSingleTransaction, new key: claim + order + record in one transaction",
            this::singleTxnFirst),
        new Mode("duplicate", "execute, completed key, cache off (cacheSize 0)", this::duplicate),
        new Mode("cached_duplicate", "execute, completed key in this JVM's cache", this::cached));
  }

  private void bare(long sequence) {
    client.putItem(Orders.putRequest(Orders.order(sequence)));
  }

  private void guardFirst(long sequence) {
    Order order = Orders.order(sequence);
    firstCalls.execute(
        IdempotentRequest.of("first-" + sequence, order),
        Receipt.class,
        () -> {
          client.putItem(Orders.putRequest(order));
          return Orders.receipt(order);
        });
  }

  private void txnCompletionFirst(long sequence) {
    Order order = Orders.order(sequence);
    requireDone(
        firstCalls.executeTransactional(
            IdempotentRequest.of("first-" + sequence, order),
            Receipt.class,
            writes -> {
              writes.put(Orders.put(order));
              return Orders.receipt(order);
            }));
  }

  private void singleTxnFirst(long sequence) {
    Order order = Orders.order(sequence);
    requireDone(
        firstCalls.executeInSingleTransaction(
            IdempotentRequest.of("first-" + sequence, order),
            Receipt.class,
            writes -> {
              writes.put(Orders.put(order));
              return Orders.receipt(order);
            }));
  }

  // Every key is new, so a rejected write means the table is not what the benchmark set up.
  private static void requireDone(Outcome<Receipt> outcome) {
    if (outcome instanceof Outcome.Rejected<Receipt> rejected) {
      throw new IllegalStateException("The benchmark's order write was rejected: " + rejected);
    }
  }

  private void duplicate(long sequence) {
    int i = (int) (sequence % REPLAY_KEYS);
    uncached.execute(
        IdempotentRequest.of("replay-" + i, Orders.order(i)), Receipt.class, this::mustNotRun);
  }

  private void cached(long sequence) {
    int i = (int) (sequence % REPLAY_KEYS);
    cached.execute(
        IdempotentRequest.of("cached-" + i, Orders.order(i)), Receipt.class, this::mustNotRun);
  }

  private Receipt mustNotRun() {
    throw new IllegalStateException("A duplicate ran its work: the benchmark measures a replay");
  }
}
