package dev.idem.idempotency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.idem.idempotency.Decision;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InvalidIdempotencyKeyException;
import dev.idem.idempotency.PayloadMismatchException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** First executions, replays of every kind of response, payload checks, scoping and key rules. */
public abstract class IdempotencyExecutionContract extends IdempotencyContract {

  private final IdempotentRequest request = IdempotentRequest.of("order-1", Map.of("sku", "A-1"));

  @Test
  void execute_firstCall_runsWorkOnceAndReturnsResponse() {
    String response = idempotency().execute(request, String.class, work("done"));

    assertThat(response).isEqualTo("done");
    assertThat(runs).hasValue(1);
    assertThat(listener.decisions()).containsExactly(Decision.FIRST_EXECUTION);
    assertThat(backend().recordCount(prefix)).isEqualTo(1);
  }

  @Test
  void execute_duplicate_replaysStoredResponseWithoutRunningWork() {
    idempotency().execute(request, String.class, work("first"));

    String replayed = idempotency().execute(request, String.class, work("second"));

    assertThat(replayed).isEqualTo("first");
    assertThat(runs).hasValue(1);
    assertThat(listener.decisions()).containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY);
  }

  @Test
  void execute_nullResponse_replaysNull() {
    assertThat(firstThenReplay(String.class, null)).isNull();
  }

  @Test
  void execute_emptyStringResponse_replaysEmptyString() {
    assertThat(firstThenReplay(String.class, "")).isEmpty();
  }

  @Test
  void execute_zeroResponse_replaysZero() {
    assertThat(firstThenReplay(Integer.class, 0)).isZero();
  }

  @Test
  void execute_falseResponse_replaysFalse() {
    assertThat(firstThenReplay(Boolean.class, false)).isFalse();
  }

  @Test
  void execute_recordResponse_replaysEqualRecord() {
    Receipt receipt = new Receipt("r-1", 1250);

    assertThat(firstThenReplay(Receipt.class, receipt)).isEqualTo(receipt);
  }

  @Test
  void execute_emptyListResponse_replaysEmptyList() {
    assertThat(firstThenReplay(new TypeReference<List<Receipt>>() {}, List.of())).isEmpty();
  }

  @Test
  void execute_listOfRecordsResponse_replaysTypedElements() {
    List<Receipt> receipts = List.of(new Receipt("r-1", 100), new Receipt("r-2", 0));

    List<Receipt> replayed = firstThenReplay(new TypeReference<List<Receipt>>() {}, receipts);

    assertThat(replayed).isEqualTo(receipts).hasOnlyElementsOfType(Receipt.class);
  }

  @Test
  void execute_sameKeyDifferentPayload_throwsPayloadMismatchWithoutRunningWork() {
    idempotency().execute(request, String.class, work("first"));
    IdempotentRequest other = IdempotentRequest.of("order-1", Map.of("sku", "B-2"));

    assertThatThrownBy(() -> idempotency().execute(other, String.class, work("second")))
        .isInstanceOf(PayloadMismatchException.class);
    assertThat(runs).hasValue(1);
    assertThat(listener.last().decision()).isEqualTo(Decision.PAYLOAD_MISMATCH);
  }

  @Test
  void execute_payloadFieldOrderDiffers_replays() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("sku", "A-1");
    ordered.put("quantity", 2);
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("quantity", 2);
    reversed.put("sku", "A-1");
    idempotency().execute(IdempotentRequest.of("k", ordered), String.class, work("first"));

    String replayed =
        idempotency().execute(IdempotentRequest.of("k", reversed), String.class, work("second"));

    assertThat(replayed).isEqualTo("first");
    assertThat(runs).hasValue(1);
  }

  @Test
  void execute_sameKeyDifferentCallers_eachRunsAndReplaysOnlyItsOwnResponse() {
    IdempotentRequest fromA = request.caller("A");
    IdempotentRequest fromB = request.caller("B");
    idempotency().execute(fromA, String.class, work("for A"));
    idempotency().execute(fromB, String.class, work("for B"));
    idempotency().execute(request, String.class, work("for nobody"));

    assertThat(idempotency().execute(fromA, String.class, work("again"))).isEqualTo("for A");
    assertThat(idempotency().execute(fromB, String.class, work("again"))).isEqualTo("for B");
    assertThat(idempotency().execute(request, String.class, work("again"))).isEqualTo("for nobody");
    assertThat(runs).hasValue(3);
  }

  @ParameterizedTest
  @MethodSource("invalidKeys")
  void execute_invalidKey_throwsAndWritesNothing(String key) {
    IdempotentRequest invalid = IdempotentRequest.of(key, "payload");

    assertThatThrownBy(() -> idempotency().execute(invalid, String.class, work("never")))
        .isInstanceOf(InvalidIdempotencyKeyException.class);
    assertThat(runs).hasValue(0);
    assertThat(backend().calls()).isEmpty();
    assertThat(backend().recordCount(prefix)).isZero();
  }

  @Test
  void execute_keyOf255PrintableAsciiCharacters_runs() {
    String key = "~".repeat(254) + " ";

    String response =
        idempotency().execute(IdempotentRequest.of(key, "payload"), String.class, work("ok"));

    assertThat(response).isEqualTo("ok");
    assertThat(backend().recordCount(prefix)).isEqualTo(1);
  }

  static Stream<String> invalidKeys() {
    return Stream.of(null, "", "k".repeat(256), "clé", "ключ", "tab\tinside", "del\u007f");
  }

  private <T> T firstThenReplay(Class<T> type, T value) {
    T first = idempotency().execute(request, type, work(value));
    T replayed = idempotency().execute(request, type, work(value));
    assertReplayedOnce(first, value);
    return replayed;
  }

  private <T> T firstThenReplay(TypeReference<T> type, T value) {
    T first = idempotency().execute(request, type, work(value));
    T replayed = idempotency().execute(request, type, work(value));
    assertReplayedOnce(first, value);
    return replayed;
  }

  private void assertReplayedOnce(Object first, Object value) {
    assertThat(first).isEqualTo(value);
    assertThat(runs).hasValue(1);
    assertThat(listener.decisions()).containsExactly(Decision.FIRST_EXECUTION, Decision.REPLAY);
  }
}
