package dev.idem.idempotency.transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.TransactionalWork;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransactionalModesConfigurationTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final Idempotency idempotency =
      Idempotency.builder()
          .store(store)
          .keyPrefix("transfers")
          .listener(IdempotencyListener.NONE)
          .build();
  private final AtomicInteger runs = new AtomicInteger();
  private final TransactionalWork<String, RuntimeException> work =
      writes -> "run " + runs.incrementAndGet();

  @Test
  void executeTransactional_inMemoryStore_throwsConfigurationExceptionNamingTheFix() {
    assertThatThrownBy(() ->
            idempotency.executeTransactional(IdempotentRequest.of("k", 1), String.class, work))
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("TransactionalIdempotencyStore")
        .hasMessageContaining("DynamoDbIdempotencyStore")
        .hasMessageContaining("InMemoryIdempotencyStore");

    assertThat(runs).hasValue(0);
    assertThat(store.size()).isZero();
  }

  @Test
  void executeInSingleTransaction_inMemoryStore_throwsConfigurationExceptionNamingTheFix() {
    assertThatThrownBy(() ->
            idempotency.executeInSingleTransaction(
                IdempotentRequest.of("k", 1), String.class, work))
        .isInstanceOf(IdempotencyConfigurationException.class)
        .hasMessageContaining("TransactionalIdempotencyStore")
        .hasMessageContaining("InMemoryIdempotencyStore");

    assertThat(runs).hasValue(0);
    assertThat(store.size()).isZero();
  }
}
