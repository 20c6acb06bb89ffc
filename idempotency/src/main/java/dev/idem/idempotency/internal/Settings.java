package dev.idem.idempotency.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The validated configuration the state machine runs with.
 *
 * @param store where records live
 * @param keyPrefix the namespace of every record id
 * @param recordTtl how long a completed record counts
 * @param leaseDuration a fixed lease, or null to use the invocation's remaining time
 * @param defaultLease the lease when neither a fixed lease nor the remaining time is known
 * @param clock the source of time
 * @param mapper writes and reads responses and fingerprints payloads
 * @param listener receives each decision
 * @param cache completed records of this container
 */
public record Settings(
    IdempotencyStore store,
    String keyPrefix,
    Duration recordTtl,
    Duration leaseDuration,
    Duration defaultLease,
    Clock clock,
    ObjectMapper mapper,
    IdempotencyListener listener,
    CompletedCache cache) {}
