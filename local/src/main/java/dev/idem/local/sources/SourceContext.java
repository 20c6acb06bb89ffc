package dev.idem.local.sources;

import dev.idem.local.lambda.Invoker;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every event source shares: the functions to invoke, the clock, and where invocations are
 * reported.
 *
 * {@snippet :
 * SourceContext context =
 *     new SourceContext(lambdaRuntime, Clock.systemUTC(), call -> System.out.println(call.logLine()));
 * }
 *
 * @param invoker runs the functions (the local Lambda runtime)
 * @param clock the time a stream source measures record ages with ({@code
 *     MaximumRecordAgeInSeconds}) and the API stamps requests with; tests move a clock of their own
 * @param listener receives one {@link SourceInvocation} per invocation, on the invoking thread; it
 *     must not block
 * @param faults the delivery faults to inject ({@link DeliveryFaults#NONE} for none)
 */
public record SourceContext(
    Invoker invoker, Clock clock, Consumer<SourceInvocation> listener, DeliveryFaults faults) {

  /** Checks the components. */
  public SourceContext {
    Objects.requireNonNull(invoker, "invoker");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(faults, "faults");
  }

  /** A context without faults. */
  public SourceContext(Invoker invoker, Clock clock, Consumer<SourceInvocation> listener) {
    this(invoker, clock, listener, DeliveryFaults.NONE);
  }

  /** The system clock in UTC and no listener. */
  public static SourceContext of(Invoker invoker) {
    return new SourceContext(invoker, Clock.systemUTC(), invocation -> {});
  }

  /**
   * Hands the invocation to the listener; a listener that throws is logged, never fails the batch.
   */
  public void report(SourceInvocation invocation) {
    try {
      listener.accept(invocation);
    } catch (RuntimeException e) {
      // A failing listener must not fail the batch it reports on.
      System.getLogger(SourceContext.class.getName())
          .log(System.Logger.Level.WARNING, "Invocation listener failed", e);
    }
  }
}
