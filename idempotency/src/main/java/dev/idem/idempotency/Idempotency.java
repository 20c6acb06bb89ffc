package dev.idem.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.idempotency.internal.CompletedCache;
import dev.idem.idempotency.internal.Fingerprints;
import dev.idem.idempotency.internal.Settings;
import dev.idem.idempotency.internal.StateMachine;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs a unit of work at most once per idempotency key, and replays its stored response to every
 * duplicate. Build one instance per container (in the handler's constructor or a static field) and
 * call it from any number of threads.
 *
 * {@snippet :
 * Idempotency idempotency =
 *     Idempotency.builder()
 *         .store(DynamoDbIdempotencyStore.builder().client(dynamo).tableName("idempotency").build())
 *         .keyPrefix("payments")
 *         .build();
 *
 * Receipt receipt =
 *     idempotency.execute(
 *         IdempotentRequest.of(order.id(), order, context), Receipt.class, () -> charge(order));
 * }
 *
 * <p>Three call shapes:
 *
 * <ul>
 *   <li>{@link #execute} guards work with external effects: claim the key, run, store the response.
 *       A first call costs two store writes, a duplicate one read-only round trip (none when this
 *       container has the response cached).
 *   <li>{@link #executeTransactional} commits the work's own DynamoDB writes in one transaction
 *       with the completed record: they land together or not at all.
 *   <li>{@link #executeInSingleTransaction} for work whose only effects are DynamoDB writes: the
 *       work computes its writes first, then claim, writes and record commit in one round trip.
 * </ul>
 *
 * <p>The transactional shapes return an {@link Outcome}: a failed condition on one of the work's
 * own writes (not enough stock, an order no longer pending) is a business answer, the value {@link
 * Outcome.Rejected} naming the write and the item, not an exception. The adapters in {@code
 * dev.idem.idempotency.lambda} offer the same three modes for each event source.
 */
public final class Idempotency {

  private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Settings settings;
  private final StateMachine machine;

  private Idempotency(Settings settings) {
    this.settings = settings;
    this.machine = new StateMachine(settings);
  }

  /** A builder; {@link Builder#store} and {@link Builder#keyPrefix} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code work} unless the key already ran, and returns its response or the stored one.
   *
   * @param request the key, payload, caller and remaining time
   * @param responseType the response's class, to read a stored response back
   * @param work the work; its exception reaches the caller unchanged, after the key is released
   * @return the work's response, or the stored response of an earlier call with the same key
   * @throws InvalidIdempotencyKeyException if the key is missing or malformed (nothing was written)
   * @throws InFlightException if another invocation holds the key
   * @throws PayloadMismatchException if the key was used with another payload
   * @throws ResponseTooLargeException if the response does not fit in a record
   * @throws IdempotencyStoreException if the store failed before the work ran
   * @throws MalformedRecordException if the key's stored record cannot be read (nothing was
   *     written; the message says which attribute to fix)
   * @throws E whatever the work throws
   */
  public <T, E extends Exception> T execute(
      IdempotentRequest request, Class<T> responseType, Work<T, E> work) throws E {
    return machine.execute(request, type(responseType), work);
  }

  /**
   * {@link #execute(IdempotentRequest, Class, Work)} for a generic response type, such as {@code
   * new TypeReference<List<Receipt>>() {}}.
   */
  public <T, E extends Exception> T execute(
      IdempotentRequest request, TypeReference<T> responseType, Work<T, E> work) throws E {
    return machine.execute(request, settings.mapper().constructType(responseType), work);
  }

  /**
   * Claims the key, runs {@code work}, then commits the writes it added together with the completed
   * record in one DynamoDB transaction.
   *
   * @return {@link Outcome.Done} with the work's response or the stored one; {@link
   *     Outcome.Rejected} when the condition of one of the work's writes failed: nothing was
   *     written and the key was released, as after a failure, so a retry runs the work again
   * @throws LeaseLostException if another invocation took the key over first: nothing was written
   * @throws IdempotencyConfigurationException if the store is not transactional
   * @throws E whatever the work throws
   * @see #execute(IdempotentRequest, Class, Work) for the other exceptions
   */
  public <T, E extends Exception> Outcome<T> executeTransactional(
      IdempotentRequest request, Class<T> responseType, TransactionalWork<T, E> work) throws E {
    return machine.executeTransactional(request, type(responseType), work);
  }

  /**
   * Runs {@code work}, which must have no effects other than the writes it adds, then claims the
   * key, commits those writes and stores the completed record in one transaction. A duplicate's
   * writes never land; it gets the stored response.
   *
   * @return {@link Outcome.Done} with the work's response or the stored one; {@link
   *     Outcome.Rejected} when the condition of one of the work's writes failed: nothing was
   *     written, not even a claim
   * @throws IdempotencyConfigurationException if the store is not transactional
   * @throws E whatever the work throws
   * @see #execute(IdempotentRequest, Class, Work) for the other exceptions
   */
  public <T, E extends Exception> Outcome<T> executeInSingleTransaction(
      IdempotentRequest request, Class<T> responseType, TransactionalWork<T, E> work) throws E {
    return machine.executeInSingleTransaction(request, type(responseType), work);
  }

  /**
   * Warms the library for SnapStart or provisioned concurrency: loads its classes, fingerprints and
   * round-trips a sample of each response type through JSON, and lets the store warm its client
   * with a read. Writes nothing to the table.
   */
  public void prime(Class<?>... responseTypes) {
    Fingerprints.of(java.util.Map.of("prime", 1), settings.mapper());
    for (Class<?> type : responseTypes) {
      settings.mapper().writerFor(type);
      settings.mapper().readerFor(type);
    }
    settings.store().prime();
  }

  /** The configured key prefix. */
  public String keyPrefix() {
    return settings.keyPrefix();
  }

  private JavaType type(Class<?> responseType) {
    Objects.requireNonNull(responseType, "responseType");
    return settings.mapper().constructType(responseType);
  }

  /** Builds an {@link Idempotency}; not thread-safe, the result is. */
  public static final class Builder {
    private IdempotencyStore store;
    private String keyPrefix;
    private Duration recordTtl = Duration.ofHours(1);
    private Duration leaseDuration;
    private Duration defaultLease = Duration.ofMinutes(5);
    private int cacheSize = 1000;
    private Clock clock = Clock.systemUTC();
    private ObjectMapper mapper;
    private IdempotencyListener listener;

    private Builder() {}

    /** Where records live. Required. */
    public Builder store(IdempotencyStore store) {
      this.store = store;
      return this;
    }

    /**
     * The namespace of this use's keys: 1 to 64 of {@code A-Z a-z 0-9 . _ -}. Required. Choose a
     * stable name (the operation's, such as {@code payments}), never the Lambda function name,
     * which a redeploy may change.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long a completed response is replayed. Default: one hour. */
    public Builder recordTtl(Duration recordTtl) {
      this.recordTtl = recordTtl;
      return this;
    }

    /**
     * A fixed lease for every call, instead of the invocation's remaining time (the default). Use a
     * shorter lease when the work must be retried well before the Lambda deadline.
     */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
      return this;
    }

    /** The lease when the remaining time is unknown (no Lambda context). Default: five minutes. */
    public Builder defaultLease(Duration defaultLease) {
      this.defaultLease = defaultLease;
      return this;
    }

    /** How many completed records this container caches; 0 disables the cache. Default: 1000. */
    public Builder cacheSize(int cacheSize) {
      this.cacheSize = cacheSize;
      return this;
    }

    /** The source of time. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Writes and reads responses and fingerprints payloads. Default: a plain ObjectMapper. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /** Receives every decision. Default: {@link EmfMetricsListener} on standard output. */
    public Builder listener(IdempotencyListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Validates the configuration and builds the instance.
     *
     * @throws IdempotencyConfigurationException naming the setting that is missing or invalid
     */
    public Idempotency build() {
      require(store != null, "store is required: pass a DynamoDbIdempotencyStore");
      require(
          keyPrefix != null && KEY_PREFIX.matcher(keyPrefix).matches(),
          "keyPrefix must be 1 to 64 characters of A-Z a-z 0-9 . _ - (got " + keyPrefix + ")");
      requirePositive(recordTtl, "recordTtl");
      requirePositive(defaultLease, "defaultLease");
      if (leaseDuration != null) {
        requirePositive(leaseDuration, "leaseDuration");
      }
      require(cacheSize >= 0, "cacheSize must be 0 or more");
      require(clock != null, "clock must not be null");
      return new Idempotency(
          new Settings(
              store,
              keyPrefix,
              recordTtl,
              leaseDuration,
              defaultLease,
              clock,
              mapper != null ? mapper : new ObjectMapper(),
              listener != null ? listener : new EmfMetricsListener(),
              new CompletedCache(cacheSize)));
    }

    private static void requirePositive(Duration duration, String name) {
      require(duration != null && duration.isPositive(), name + " must be a positive duration");
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IdempotencyConfigurationException(message);
      }
    }
  }
}
