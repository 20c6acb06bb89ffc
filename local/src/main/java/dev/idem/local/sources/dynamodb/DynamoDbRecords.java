package dev.idem.local.sources.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.sources.stream.StreamRecords;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB stream records as the shard machinery sees them; their JSON is {@link StreamEvents}'.
 */
final class DynamoDbRecords implements StreamRecords<Record> {

  private final String streamArn;
  private final String region;

  DynamoDbRecords(String streamArn, String region) {
    this.streamArn = streamArn;
    this.region = region;
  }

  @Override
  public String kind() {
    return "dynamodb";
  }

  @Override
  public String sequenceNumber(Record record) {
    return record.dynamodb().sequenceNumber();
  }

  @Override
  public Instant arrival(Record record) {
    return record.dynamodb().approximateCreationDateTime();
  }

  @Override
  public String eventId(Record record) {
    return record.eventID();
  }

  @Override
  public byte[] event(List<Record> records) {
    return StreamEvents.event(records, streamArn, region);
  }

  @Override
  public JsonNode filterable(Record record) {
    return StreamEvents.record(record, streamArn, region);
  }

  @Override
  public String batchInfoField() {
    return "DDBStreamBatchInfo";
  }
}
