package dev.idem.idempotency;

import java.time.Duration;

/**
 * What happened in one call, for metrics and logs. Holds no raw key and no payload.
 *
 * @param keyPrefix the configured key prefix
 * @param keyHash a hash of the record id, safe to log
 * @param decision what the library decided
 * @param storeCalls how many store calls the call made (0 for a cache hit)
 * @param storeLatency the time spent in those store calls
 */
public record DecisionEvent(
    String keyPrefix, String keyHash, Decision decision, int storeCalls, Duration storeLatency) {}
