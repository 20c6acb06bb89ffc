package dev.idem.idempotency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.Work;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container's cache of completed records, and what the listener hears about each call. */
public abstract class IdempotencyCacheContract extends IdempotencyContract {

  private final IdempotentRequest request = IdempotentRequest.of("invoice-9", "payload");

  @Test
  void execute_duplicateInSameInstance_cacheHitWithoutStoreCalls() {
    Idempotency idempotency = idempotency();
    idempotency.execute(request, String.class, work("first"));
    backend().resetCalls();

    String replayed = idempotency.execute(request, String.class, work("second"));

    assertThat(replayed).isEqualTo("first");
    assertThat(runs).hasValue(1);
    assertThat(backend().calls()).isEmpty();
    assertThat(listener.last().decision()).isEqualTo(Decision.CACHE_HIT);
    assertThat(listener.last().storeCalls()).isZero();
  }

  @Test
  void execute_nullResponseCached_servedAsNull() {
    Idempotency idempotency = idempotency();
    idempotency.execute(request, String.class, work(null));

    assertThat(idempotency.execute(request, String.class, work("second"))).isNull();
    assertThat(listener.last().decision()).isEqualTo(Decision.CACHE_HIT);
  }

  @Test
  void execute_cacheDisabled_duplicateCostsOneClaim() {
    Idempotency idempotency = builder().cacheSize(0).build();
    idempotency.execute(request, String.class, work("first"));
    backend().resetCalls();

    String replayed = idempotency.execute(request, String.class, work("second"));

    assertThat(replayed).isEqualTo("first");
    assertThat(backend().calls()).containsExactly(Map.entry(backend().claimOperation(), 1L));
    assertThat(listener.last().decision()).isEqualTo(Decision.REPLAY);
    assertThat(listener.last().storeCalls()).isEqualTo(1);
  }

  @Test
  void execute_replayedFromStore_servedFromCacheNextTime() {
    idempotency().execute(request, String.class, work("first"));
    Idempotency container = idempotency();
    container.execute(request, String.class, work("second"));
    backend().resetCalls();

    String replayed = container.execute(request, String.class, work("third"));

    assertThat(replayed).isEqualTo("first");
    assertThat(backend().calls()).isEmpty();
    assertThat(listener.decisions())
        .containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY, Decision.CACHE_HIT);
  }

  @Test
  void execute_cachedEntryPastExpiry_notServedAndWorkRunsAgain() {
    Idempotency idempotency = idempotency();
    idempotency.execute(request, String.class, work("first"));
    clock.advance(TTL);
    backend().resetCalls();

    String response = idempotency.execute(request, String.class, work("second"));

    assertThat(response).isEqualTo("second");
    assertThat(runs).hasValue(2);
    assertThat(backend().calls()).containsKey(backend().claimOperation());
    assertThat(listener.last().decision()).isEqualTo(Decision.FIRST_EXECUTION);
  }

  @Test
  void execute_cachedRecordOtherPayload_payloadMismatchWithoutStoreCalls() {
    Idempotency idempotency = idempotency();
    idempotency.execute(request, String.class, work("first"));
    backend().resetCalls();
    IdempotentRequest other = IdempotentRequest.of(request.key(), "another payload");

    assertThatThrownBy(() -> idempotency.execute(other, String.class, work("second")))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(backend().calls()).isEmpty();
    assertThat(listener.last().decision()).isEqualTo(Decision.PAYLOAD_MISMATCH);
  }

  @Test
  void execute_eachCall_oneDecisionEventWithItsStoreCalls() {
    Idempotency cached = idempotency();
    Idempotency uncached = builder().cacheSize(0).build();
    IdempotentRequest failing = IdempotentRequest.of("invoice-10", "payload");
    IdempotentRequest retryable =
        IdempotentRequest.of("invoice-11", "payload").retryWhen(r -> true);

    cached.execute(request, String.class, work("first"));
    cached.execute(request, String.class, work("second"));
    uncached.execute(request, String.class, work("third"));
    IdempotentRequest otherPayload = IdempotentRequest.of(request.key(), "other");
    assertThatThrownBy(() -> uncached.execute(otherPayload, String.class, work("fourth")))
        .isInstanceOf(PayloadMismatchException.class);
    assertThatThrownBy(() -> cached.execute(failing, String.class, failingWork()))
        .isInstanceOf(IOException.class);
    uncached.execute(retryable, String.class, work("retry me"));

    assertThat(listener.events())
        .extracting(DecisionEvent::decision, DecisionEvent::storeCalls)
        .containsExactly(
            tuple(Decision.FIRST_EXECUTION, 2),
            tuple(Decision.CACHE_HIT, 0),
            tuple(Decision.REPLAY, 1),
            tuple(Decision.PAYLOAD_MISMATCH, 1),
            tuple(Decision.RELEASED, 2),
            tuple(Decision.RELEASED, 2));
    assertThat(listener.events())
        .allSatisfy(event -> {
          assertThat(event.keyPrefix()).isEqualTo(prefix);
          assertThat(event.storeLatency()).isGreaterThanOrEqualTo(Duration.ZERO);
        });
    String keyHash = listener.events().getFirst().keyHash();
    assertThat(keyHash).hasSize(16);
    assertThat(firstClaimedId()).startsWith(prefix + "#" + keyHash);
  }

  private static Work<String, IOException> failingWork() {
    return () -> {
      throw new IOException("failed");
    };
  }
}
