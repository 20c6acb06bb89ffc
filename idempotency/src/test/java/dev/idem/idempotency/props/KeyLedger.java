package dev.idem.idempotency.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.spi.ClaimResult;
import java.time.Instant;

/**
 * The safety invariants of one key, checked against what the store answered, independently of
 * {@link RecordModel}: it remembers only the outcomes the store reported.
 */
final class KeyLedger {

  private String holder;
  private Instant holderLeaseExpiry;
  private String completedResponse;
  private Instant completedExpiry;

  void onClaim(String token, Instant now, Instant leaseExpiry, ClaimResult result) {
    if (completedResponse != null && completedExpiry.isAfter(now)) {
      assertThat(result)
          .as("an unexpired completed result is never overwritten by a claim")
          .isInstanceOfSatisfying(
              ClaimResult.Existing.class,
              e -> assertThat(e.record().response()).isEqualTo(completedResponse));
    }
    if (holder != null && holderLeaseExpiry.isAfter(now)) {
      assertThat(result)
          .as("at most one holder at a time: the lease of %s is live", holder)
          .isInstanceOf(ClaimResult.Existing.class);
    }
    if (holder != null && !holderLeaseExpiry.isAfter(now)) {
      assertThat(result)
          .as("no key stays blocked past its lease: a claim takes over %s", holder)
          .isEqualTo(new ClaimResult.Claimed(true));
    }
    if (result instanceof ClaimResult.Claimed) {
      holder = token;
      holderLeaseExpiry = leaseExpiry;
      completedResponse = null;
    }
  }

  void onComplete(String token, Instant now, String response, Instant expiry, boolean completed) {
    if (!token.equals(holder)) {
      assertThat(completed).as("a stale or unknown token never completes").isFalse();
    }
    if (completedResponse != null && completedExpiry.isAfter(now)) {
      assertThat(completed).as("an unexpired completed result is never overwritten").isFalse();
    }
    if (completed) {
      holder = null;
      completedResponse = response;
      completedExpiry = expiry;
    }
  }

  void onRelease(String token, boolean released) {
    if (!token.equals(holder)) {
      assertThat(released).as("a stale or unknown token never releases").isFalse();
    }
    if (released) {
      holder = null;
    }
  }
}
