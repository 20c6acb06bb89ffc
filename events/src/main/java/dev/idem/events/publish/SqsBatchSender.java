package dev.idem.events.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends messages to an SQS queue with SendMessageBatch, so that none is lost silently.
 *
 * <ul>
 *   <li>Messages go in calls of at most {@value #MAX_ENTRIES} entries and {@value #MAX_BATCH_BYTES}
 *       bytes (body plus attribute names, types and values). A message bigger than that on its own
 *       is never sent: it comes back failed with {@code EntryTooLarge}.
 *   <li>Entries in the response's {@code Failed} list are sent again after a backoff, up to the
 *       policy's attempts, unless SQS marks them {@code SenderFault} (the request was wrong and
 *       will stay wrong).
 *   <li>A call that fails as a whole (an SDK exception) fails all its entries: retried if the
 *       exception is a throttle, a server error or a client-side I/O failure.
 * </ul>
 *
 * <p>Entries are matched to results by their {@code Id}, so ids must be unique in the list. On a
 * FIFO queue, give each entry a {@code MessageDeduplicationId}, so that a retried entry SQS had
 * accepted after all is dropped as a duplicate; and since a retried entry lands after the entries
 * of its group that went through meanwhile, check the result where a group's order matters.
 * Thread-safe if the client is.
 *
 * {@snippet :
 * SqsBatchSender sender = new SqsBatchSender(sqs);
 * BatchResult<SendMessageBatchRequestEntry> result = sender.send(queueUrl, entries);
 * result.failed().forEach(f -> log.error("not sent: {} {}", f.errorCode(), f.errorMessage()));
 * }
 */
public final class SqsBatchSender {

  /** The most entries SendMessageBatch takes in one call. */
  public static final int MAX_ENTRIES = 10;

  /** The most bytes SendMessageBatch takes in one call (256 KB). */
  public static final int MAX_BATCH_BYTES = 256 * 1024;

  private final SqsClient client;
  private final RetryingBatcher<SendMessageBatchRequestEntry> batcher;

  /** A sender with the {@linkplain RetryPolicy#defaults() default policy}. */
  public SqsBatchSender(SqsClient client) {
    this(client, RetryPolicy.defaults());
  }

  /**
   * A sender that retries by {@code policy}.
   *
   * @throws NullPointerException if an argument is null
   */
  public SqsBatchSender(SqsClient client, RetryPolicy policy) {
    this.client = Objects.requireNonNull(client, "client");
    this.batcher =
        new RetryingBatcher<>(
            MAX_ENTRIES,
            MAX_BATCH_BYTES,
            SqsBatchSender::size,
            Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Sends {@code entries} to the queue; blocks through retries and their backoff.
   *
   * @param queueUrl the queue's URL
   * @param entries the messages, with ids unique in the list
   * @return how many were sent, and every entry that was not with its last error
   * @throws IllegalArgumentException if an entry has no id or two share one
   * @throws NullPointerException if the URL, the list or an entry is null
   */
  public BatchResult<SendMessageBatchRequestEntry> send(
      String queueUrl, List<SendMessageBatchRequestEntry> entries) {
    Objects.requireNonNull(queueUrl, "queueUrl");
    requireUniqueIds(entries);
    return batcher.run(entries, batch -> sendBatch(queueUrl, batch));
  }

  /** A message's size as SQS counts it: the body and each attribute's name, type and value. */
  public static int size(SendMessageBatchRequestEntry entry) {
    int size = bytes(entry.messageBody());
    for (Map.Entry<String, MessageAttributeValue> a : entry.messageAttributes().entrySet()) {
      MessageAttributeValue v = a.getValue();
      size +=
          bytes(a.getKey()) + bytes(v.dataType()) + bytes(v.stringValue()) + bytes(v.binaryValue());
    }
    for (var a : entry.messageSystemAttributesAsStrings().entrySet()) {
      MessageSystemAttributeValue v = a.getValue();
      size +=
          bytes(a.getKey()) + bytes(v.dataType()) + bytes(v.stringValue()) + bytes(v.binaryValue());
    }
    return size;
  }

  private List<Outcome> sendBatch(String queueUrl, List<SendMessageBatchRequestEntry> batch) {
    SendMessageBatchResponse response =
        client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
    Set<String> sent = new HashSet<>();
    response.successful().stream().map(SendMessageBatchResultEntry::id).forEach(sent::add);
    Map<String, BatchResultErrorEntry> failed = new HashMap<>();
    response.failed().forEach(f -> failed.put(f.id(), f));
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (SendMessageBatchRequestEntry entry : batch) {
      outcomes.add(outcome(entry.id(), sent, failed));
    }
    return outcomes;
  }

  private static Outcome outcome(
      String id, Set<String> sent, Map<String, BatchResultErrorEntry> failed) {
    if (sent.contains(id)) {
      return Outcome.SENT;
    }
    BatchResultErrorEntry error = failed.get(id);
    if (error == null) {
      return new Outcome.Failed(
          "MissingResult", "SendMessageBatch returned no result for the entry", true);
    }
    boolean senderFault = Boolean.TRUE.equals(error.senderFault());
    return new Outcome.Failed(error.code(), error.message(), !senderFault);
  }

  private static void requireUniqueIds(List<SendMessageBatchRequestEntry> entries) {
    Set<String> ids = new HashSet<>();
    for (SendMessageBatchRequestEntry entry : entries) {
      Objects.requireNonNull(entry, "entry");
      if (entry.id() == null || !ids.add(entry.id())) {
        throw new IllegalArgumentException(
            "Every entry needs an id unique in the list; got " + entry.id());
      }
    }
  }

  private static int bytes(String value) {
    return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int bytes(SdkBytes value) {
    return value == null ? 0 : value.asByteArrayUnsafe().length;
  }
}
