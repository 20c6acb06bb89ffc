package dev.idem.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletedCacheTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void get_putRecord_returnsIt() {
    CompletedCache cache = new CompletedCache(2);
    IdempotencyRecord record = completed("a", NOW.plusSeconds(60));
    cache.put(record);

    assertThat(cache.get("a", NOW)).contains(record);
  }

  @Test
  void get_unknownId_empty() {
    assertThat(new CompletedCache(2).get("a", NOW)).isEmpty();
  }

  @Test
  void put_atCapacity_evictsLeastRecentlyUsed() {
    CompletedCache cache = new CompletedCache(2);
    cache.put(completed("a", NOW.plusSeconds(60)));
    cache.put(completed("b", NOW.plusSeconds(60)));
    cache.get("a", NOW);

    cache.put(completed("c", NOW.plusSeconds(60)));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("b", NOW)).isEmpty();
    assertThat(cache.get("a", NOW)).isPresent();
    assertThat(cache.get("c", NOW)).isPresent();
  }

  @Test
  void get_atExpiry_emptyAndEntryDropped() {
    CompletedCache cache = new CompletedCache(2);
    Instant expiry = NOW.plusSeconds(60);
    cache.put(completed("a", expiry));

    assertThat(cache.get("a", expiry.minusMillis(1))).isPresent();
    assertThat(cache.get("a", expiry)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void put_capacityZero_neverCaches() {
    CompletedCache cache = new CompletedCache(0);
    cache.put(completed("a", NOW.plusSeconds(60)));

    assertThat(cache.get("a", NOW)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void put_sameIdAgain_replacesEntry() {
    CompletedCache cache = new CompletedCache(2);
    cache.put(completed("a", NOW.plusSeconds(60)));
    IdempotencyRecord newer = completed("a", NOW.plusSeconds(120));

    cache.put(newer);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("a", NOW)).contains(newer);
  }

  private static IdempotencyRecord completed(String id, Instant expiry) {
    return new IdempotencyRecord(id, RecordStatus.COMPLETED, expiry, null, null, "fp", "\"r\"");
  }
}
