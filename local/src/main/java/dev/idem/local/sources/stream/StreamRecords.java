package dev.idem.local.sources.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The shape of one stream's records, as the shard machinery needs it: where a record is in its
 * shard, how old it is, and the event a function receives (a DynamoDB stream's {@code
 * DynamodbEvent}; a Kinesis stream's would be {@code KinesisEvent}).
 *
 * @param <R> the service's record type
 */
public interface StreamRecords<R> {

  /** The service's name in log lines and reports, e.g. {@code dynamodb}. */
  String kind();

  /** The record's sequence number: its place in the shard, and its batch item identifier. */
  String sequenceNumber(R record);

  /** When the record reached the stream, or null when the service does not say. */
  Instant arrival(R record);

  /** The record's event id, as a duplicate delivery fault names it. */
  String eventId(R record);

  /** The function's event for these records, as JSON bytes. */
  byte[] event(List<R> records);

  /** The record as it appears in the event, which {@code FilterCriteria} patterns match. */
  JsonNode filterable(R record);

  /** The OnFailure message's field that locates the batch, e.g. {@code DDBStreamBatchInfo}. */
  String batchInfoField();
}
