package dev.idem.events.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * An SQS client that records every SendMessageBatch call and answers from a script, one step per
 * call; when the script is empty it accepts every entry.
 */
final class FakeSqsClient implements SqsClient {

  /** An error SQS reports for one entry. */
  record Fault(String code, boolean senderFault) {}

  final List<SendMessageBatchRequest> calls = new ArrayList<>();
  private final Deque<Function<List<SendMessageBatchRequestEntry>, SendMessageBatchResponse>>
      script = new ArrayDeque<>();

  /** The next call lists the entries with the given ids as failed. */
  FakeSqsClient thenFail(Map<String, Fault> faultsById) {
    script.add(entries -> respond(entries, faultsById));
    return this;
  }

  /** The next call throws {@code exception}. */
  FakeSqsClient thenThrow(RuntimeException exception) {
    script.add(entries -> {
      throw exception;
    });
    return this;
  }

  /** The ids sent in call {@code index}, in order. */
  List<String> idsOfCall(int index) {
    return calls.get(index).entries().stream().map(SendMessageBatchRequestEntry::id).toList();
  }

  @Override
  public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
    calls.add(request);
    var step = script.poll();
    return step != null ? step.apply(request.entries()) : respond(request.entries(), Map.of());
  }

  private static SendMessageBatchResponse respond(
      List<SendMessageBatchRequestEntry> entries, Map<String, Fault> faultsById) {
    var response = SendMessageBatchResponse.builder();
    List<SendMessageBatchResultEntry> successful = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (SendMessageBatchRequestEntry entry : entries) {
      Fault fault = faultsById.get(entry.id());
      if (fault == null) {
        successful.add(
            SendMessageBatchResultEntry.builder()
                .id(entry.id())
                .messageId("m-" + entry.id())
                .build());
      } else {
        failed.add(
            BatchResultErrorEntry.builder()
                .id(entry.id())
                .code(fault.code())
                .message(fault.code() + " for " + entry.id())
                .senderFault(fault.senderFault())
                .build());
      }
    }
    return response.successful(successful).failed(failed).build();
  }

  @Override
  public String serviceName() {
    return "sqs";
  }

  @Override
  public void close() {}
}
