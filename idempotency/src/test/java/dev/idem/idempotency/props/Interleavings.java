package dev.idem.idempotency.props;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** Generators of interleavings: 2 to 4 invocations on a few keys, and the clock moving. */
final class Interleavings {

  /** The most invocations an interleaving has. */
  static final int MAX_INVOCATIONS = 4;

  private Interleavings() {}

  /** An interleaving of whole calls, of at most {@code maxSteps} steps. */
  static Arbitrary<List<ApiOp>> apiOps(int maxSteps) {
    return Combinators.combine(
            Arbitraries.integers().between(2, MAX_INVOCATIONS),
            Arbitraries.integers().between(1, 2))
        .flatAs((invocations, keys) -> steps(apiOp(invocations, keys), maxSteps));
  }

  private static Arbitrary<ApiOp> apiOp(int invocations, int keys) {
    Arbitrary<Integer> invocation = Arbitraries.integers().between(0, invocations - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Combinators.combine(invocation, key(keys)).as(ApiOp.Start::new)),
        Tuple.of(3, invocation.map(ApiOp.Finish::new)),
        Tuple.of(2, advanceMillis().map(ApiOp.Advance::new)));
  }

  private static <T> Arbitrary<List<T>> steps(Arbitrary<T> step, int maxSteps) {
    return step.list()
        .ofMinSize(2)
        .ofMaxSize(maxSteps)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  /** Most steps meet on key 0, so that invocations collide; the other keys run alongside. */
  private static Arbitrary<Integer> key(int keys) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(0, keys - 1)));
  }

  /** An interleaving of store calls, of at most {@code maxSteps} steps. */
  static Arbitrary<List<StoreOp>> storeOps(int maxSteps) {
    return Combinators.combine(
            Arbitraries.integers().between(2, MAX_INVOCATIONS),
            Arbitraries.integers().between(1, 3))
        .flatAs((invocations, keys) -> steps(storeOp(invocations, keys), maxSteps));
  }

  private static Arbitrary<StoreOp> storeOp(int invocations, int keys) {
    Arbitrary<Integer> invocation = Arbitraries.integers().between(0, invocations - 1);
    Arbitrary<Integer> key = key(keys);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Combinators.combine(invocation, key).as(StoreOp.Claim::new)),
        Tuple.of(3, Combinators.combine(invocation, key).as(StoreOp.Complete::new)),
        Tuple.of(1, Combinators.combine(invocation, key).as(StoreOp.Release::new)),
        Tuple.of(2, advanceMillis().map(StoreOp.Advance::new)));
  }

  /**
   * Moves that land just before, on and just after the lease and the record expiry, some off the
   * whole second, where the stores' time resolutions (epoch ms, epoch s) matter.
   */
  static Arbitrary<Long> advanceMillis() {
    long lease = InterleavingRun.LEASE.toMillis();
    long ttl = InterleavingRun.RECORD_TTL.toMillis();
    Arbitrary<Long> near =
        Arbitraries.of(
            0L, 1_000L, lease - 1_000, lease, lease + 1_000, ttl - 1_000, ttl, ttl + 1_000);
    Arbitrary<Long> offset = Arbitraries.of(0L, 0L, 0L, 1L, -1L, 500L, 999L);
    return Arbitraries.oneOf(
        Combinators.combine(near, offset).as((base, off) -> Math.max(0, base + off)),
        Arbitraries.longs().between(0, ttl + lease));
  }
}
