package dev.idem.idempotency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.ResponseTooLargeException;
import dev.idem.idempotency.Work;
import java.io.IOException;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What happens when the work fails, asks for a retry, or returns a response that cannot fit. */
public abstract class IdempotencyFailureContract extends IdempotencyContract {

  private final IdempotentRequest request = IdempotentRequest.of("payment-7", "charge 10 EUR");

  @ParameterizedTest
  @MethodSource("failures")
  void execute_workThrows_sameThrowableRethrownAndKeyReleased(Throwable failure) {
    Idempotency idempotency = idempotency();

    assertThatThrownBy(() -> idempotency.execute(request, String.class, failing(failure)))
        .isSameAs(failure);
    assertThat(listener.last().decision()).isEqualTo(Decision.RELEASED);
    assertThat(backend().recordCount(prefix)).isZero();

    assertThat(idempotency.execute(request, String.class, work("retried"))).isEqualTo("retried");
    assertThat(runs).hasValue(2);
    assertThat(listener.last().decision()).isEqualTo(Decision.FIRST_EXECUTION);
  }

  @Test
  void execute_retryWhenMatches_returnsResponseAndReleasesKey() {
    IdempotentRequest retryOn5xx = request.retryWhen(r -> ((Outcome) r).status() >= 500);
    Idempotency idempotency = idempotency();

    Outcome first = idempotency.execute(retryOn5xx, Outcome.class, work(new Outcome(503, "busy")));

    assertThat(first).isEqualTo(new Outcome(503, "busy"));
    assertThat(listener.last().decision()).isEqualTo(Decision.RELEASED);
    assertThat(backend().recordCount(prefix)).isZero();
    Outcome second = idempotency.execute(retryOn5xx, Outcome.class, work(new Outcome(201, "ok")));
    Outcome third = idempotency.execute(retryOn5xx, Outcome.class, work(new Outcome(500, "no")));
    assertThat(second).isEqualTo(new Outcome(201, "ok"));
    assertThat(third).isEqualTo(second);
    assertThat(runs).hasValue(2);
  }

  @Test
  void execute_businessRejectionReturned_storedAndReplayed() {
    IdempotentRequest retryOn5xx = request.retryWhen(r -> ((Outcome) r).status() >= 500);
    Outcome rejection = new Outcome(422, "insufficient funds");
    idempotency().execute(retryOn5xx, Outcome.class, work(rejection));

    Outcome replayed =
        idempotency().execute(retryOn5xx, Outcome.class, work(new Outcome(201, "charged")));

    assertThat(replayed).isEqualTo(rejection);
    assertThat(runs).hasValue(1);
    assertThat(listener.decisions()).containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY);
  }

  @Test
  void execute_responseTooLarge_throwsAndReleasesKey() {
    byte[] noise = new byte[450 * 1024];
    new Random(7).nextBytes(noise);
    String huge = Base64.getEncoder().encodeToString(noise);
    Idempotency idempotency = idempotency();

    assertThatThrownBy(() -> idempotency.execute(request, String.class, work(huge)))
        .isInstanceOf(ResponseTooLargeException.class);
    assertThat(listener.last().decision()).isEqualTo(Decision.RELEASED);
    assertThat(backend().recordCount(prefix)).isZero();
    assertThat(idempotency.execute(request, String.class, work("small"))).isEqualTo("small");
  }

  @Test
  void execute_listenerThrows_outcomeUnchanged() {
    Idempotency idempotency =
        builder()
            .listener(
                new IdempotencyListener() {
                  @Override
                  public void onDecision(DecisionEvent event) {
                    throw new IllegalStateException("broken listener");
                  }
                })
            .build();

    String first = idempotency.execute(request, String.class, work("done"));
    String second = idempotency.execute(request, String.class, work("again"));

    assertThat(first).isEqualTo("done");
    assertThat(second).isEqualTo("done");
    assertThat(runs).hasValue(1);
  }

  static Stream<Throwable> failures() {
    return Stream.of(
        new IOException("checked"),
        new IllegalStateException("unchecked"),
        new StackOverflowError(),
        new WorkAssertionError("an Error of the work's own"));
  }

  private Work<String, Exception> failing(Throwable failure) {
    return () -> {
      runs.incrementAndGet();
      if (failure instanceof Exception exception) {
        throw exception;
      }
      throw (Error) failure;
    };
  }

  /** An Error subclass the library cannot know. */
  static final class WorkAssertionError extends AssertionError {
    WorkAssertionError(String message) {
      super(message);
    }
  }
}
