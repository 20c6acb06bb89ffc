package dev.idem.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapacityTest {

  private static FunctionDefinition function(int memoryMb) {
    return new FunctionDefinition(
        "f" + memoryMb,
        "a.Handler",
        "java21",
        dev.idem.local.code.FunctionCode.jar(Path.of("f.jar")),
        memoryMb,
        Duration.ofSeconds(3),
        Map.of(),
        10,
        Set.of(),
        0);
  }

  @Test
  void admit_startSlotsTaken_startsFullUntilAStartEnds() {
    Capacity capacity = new Capacity(new Scaling(2, 10, 0, 0));
    FunctionDefinition f = function(128);

    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.STARTS_FULL);
    capacity.startEnded();
    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.peakStarting()).isEqualTo(2);
  }

  @Test
  void admit_countCeilingReached_ceilingFullUntilAnInstanceIsReleased() {
    Capacity capacity = new Capacity(new Scaling(5, 2, 0, 0));
    FunctionDefinition f = function(128);

    capacity.admit(f);
    capacity.admit(f);

    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.CEILING_FULL);
    capacity.released(f);
    assertThat(capacity.admit(f)).isEqualTo(Capacity.Admission.START);
  }

  @Test
  void admit_memoryBudget_eachInstanceCountsItsMemorySize() {
    Capacity capacity = new Capacity(new Scaling(5, 0, 1024, 0));

    assertThat(capacity.admit(function(512))).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.admit(function(256))).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.admit(function(512))).isEqualTo(Capacity.Admission.CEILING_FULL);
    assertThat(capacity.admit(function(256))).isEqualTo(Capacity.Admission.START);
    assertThat(capacity.used()).isEqualTo(1024);
  }

  @Test
  void reserve_noStartSlotNeeded_butTheCeilingHolds() {
    Capacity capacity = new Capacity(new Scaling(1, 2, 0, 0));
    FunctionDefinition f = function(128);
    capacity.admit(f);

    assertThat(capacity.reserve(f)).isTrue();
    assertThat(capacity.reserve(f)).isFalse();
  }

  @Test
  void released_roomFreed_wakesEveryRegisteredPool() throws Exception {
    Capacity capacity = new Capacity(new Scaling(1, 1, 0, 0));
    CountDownLatch woken = new CountDownLatch(2);
    capacity.onRoom(woken::countDown);
    capacity.onRoom(woken::countDown);
    FunctionDefinition f = function(128);
    capacity.admit(f);

    capacity.released(f);

    assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void scaling_badValues_refusedNamingTheValue() {
    assertThatThrownBy(() -> new Scaling(0, 1, 0, 0)).hasMessageContaining("maxStarting");
    assertThatThrownBy(() -> new Scaling(1, 0, 10, 0)).hasMessageContaining("memoryBudgetMb");
    assertThatThrownBy(() -> new Scaling(1, 1, 0, -1)).hasMessageContaining("warm");
  }

  @Test
  void forThisMachine_atLeastTwoStartsAndAMemoryBudget() {
    Scaling scaling = Scaling.forThisMachine();

    assertThat(scaling.maxStarting()).isGreaterThanOrEqualTo(2);
    assertThat(scaling.maxInstances()).isZero();
    assertThat(scaling.memoryBudgetMb()).isGreaterThanOrEqualTo(128);
    assertThat(scaling.summary()).startsWith("instances: ").contains("MB of MemorySize alive");
  }
}
