package dev.idem.local.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.idem.local.lambda.InvocationResult;
import dev.idem.local.lambda.InvocationSource;
import dev.idem.local.lambda.Invoker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InvocationsTest {

  private static final byte[] EVENT = "{}".getBytes();

  @Test
  void untilAdmitted_throttledTwice_returnsTheFunctionsResultOnTheThirdTry() {
    AtomicInteger tries = new AtomicInteger();
    Invoker invoker = throttling(2, tries);

    InvocationResult result =
        Invocations.untilAdmitted(
            SourceContext.of(invoker), "f", EVENT, InvocationSource.DIRECT_CALL, new StopSignal());

    assertThat(result.status()).isEqualTo(InvocationResult.Status.OK);
    assertThat(tries).hasValue(3);
  }

  @Test
  void untilAdmitted_nextWaitPastTheLimit_returnsTheThrottleWithoutWaiting() {
    AtomicInteger tries = new AtomicInteger();
    long begin = System.nanoTime();

    InvocationResult result =
        Invocations.untilAdmitted(
            SourceContext.of(throttling(Integer.MAX_VALUE, tries)),
            "f",
            EVENT,
            InvocationSource.DIRECT_CALL,
            new StopSignal(),
            Duration.ofMillis(5));

    assertThat(result.status()).isEqualTo(InvocationResult.Status.THROTTLED);
    assertThat(tries).hasValue(1);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void untilAdmitted_sourceStopped_returnsNull() {
    StopSignal stop = new StopSignal();
    stop.stop();

    // A source that ignored its stop signal would retry forever: fail instead of hanging.
    InvocationResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                Invocations.untilAdmitted(
                    SourceContext.of(throttling(Integer.MAX_VALUE, new AtomicInteger())),
                    "f",
                    EVENT,
                    InvocationSource.DIRECT_CALL,
                    stop));

    assertThat(result).isNull();
  }

  @Test
  void invoke_invokerThrows_isAFunctionErrorOfItsOwnType() {
    Invoker broken =
        (function, payload) -> {
          throw new IllegalStateException("no such function");
        };

    InvocationResult result = Invocations.invoke(broken, "f", EVENT, InvocationSource.DIRECT_CALL);

    assertThat(result.status()).isEqualTo(InvocationResult.Status.FUNCTION_ERROR);
    assertThat(result.errorType()).isEqualTo(Invocations.INVOKE_FAILED);
  }

  /** Throttles the first {@code throttles} tries, then answers OK. */
  private static Invoker throttling(int throttles, AtomicInteger tries) {
    return (function, payload) ->
        tries.incrementAndGet() <= throttles
            ? InvocationResult.throttled()
            : InvocationResult.ok(new byte[0], "", Duration.ZERO);
  }
}
