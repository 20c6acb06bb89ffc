package dev.idem.idempotency.props;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whole calls through {@code Idempotency.execute}, interleaved across containers: while a response
 * is stored and unexpired no work runs again, one holder at a time, and every call gets the outcome
 * and decision the model predicts.
 */
class IdempotencyInterleavingPropertiesTest {

  @Property(tries = 150)
  void execute_anyInterleaving_behavesLikeTheModel(@ForAll("interleavings") List<ApiOp> ops)
      throws Exception {
    try (ApiInterleavingRun run = new ApiInterleavingRun(new InMemoryIdempotencyStore(), "api")) {
      run.run(ops);
      Observed.collectAndRequire(Observed.Call.class, run.observed(), 5);
    }
  }

  /** The container's cache must expire with the stored record, which keeps whole seconds. */
  @Example
  void execute_cachedResponseAtItsStoredExpiry_runsTheWorkAgain() throws Exception {
    try (ApiInterleavingRun run = new ApiInterleavingRun(new InMemoryIdempotencyStore(), "api")) {
      run.run(
          List.of(
              new ApiOp.Advance(500),
              new ApiOp.Start(0, 0),
              new ApiOp.Finish(0),
              new ApiOp.Advance(InterleavingRun.RECORD_TTL.toMillis() - 400),
              new ApiOp.Start(0, 0)));
    }
  }

  @Provide
  Arbitrary<List<ApiOp>> interleavings() {
    return Interleavings.apiOps(30);
  }
}
