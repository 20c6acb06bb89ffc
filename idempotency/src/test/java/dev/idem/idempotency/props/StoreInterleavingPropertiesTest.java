package dev.idem.idempotency.props;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The in-memory store keeps the store contract under random interleavings. */
class StoreInterleavingPropertiesTest {

  @Property(tries = 300)
  void inMemoryStore_anyInterleaving_behavesLikeTheModel(
      @ForAll("interleavings") List<StoreOp> ops) {
    InterleavingRun run = new InterleavingRun(new InMemoryIdempotencyStore(), "memory");
    run.run(ops);
    Observed.collectAndRequire(Observed.class, run.observed(), 5);
  }

  @Provide
  Arbitrary<List<StoreOp>> interleavings() {
    return Interleavings.storeOps(40);
  }
}
