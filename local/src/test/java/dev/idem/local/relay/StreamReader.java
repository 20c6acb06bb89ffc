package dev.idem.local.relay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.LocalAccount;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream on DynamoDB Local and hands the records over as Lambda's event source
 * mapping would: a {@link DynamodbEvent} of Lambda's own record types. Each {@link #readNew()}
 * returns the records written since the previous one, across all shards. Not thread-safe.
 */
public final class StreamReader implements AutoCloseable {

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final Map<String, String> lastSequenceNumbers = new LinkedHashMap<>();

  private StreamReader(DynamoDbStreamsClient streams, String streamArn) {
    this.streams = streams;
    this.streamArn = streamArn;
  }

  /** A reader of the stream of {@code streamArn} (the table's {@code latestStreamArn}). */
  public static StreamReader open(DynamoDbLocal db, String streamArn) {
    DynamoDbStreamsClient streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(db.endpoint())
            .region(LocalAccount.SDK_REGION)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    return new StreamReader(streams, streamArn);
  }

  /** The records written since the last call (since the stream began, the first time). */
  public DynamodbEvent readNew() {
    List<DynamodbStreamRecord> records = new ArrayList<>();
    for (Shard shard :
        streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      drain(shard.shardId(), records);
    }
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records);
    return event;
  }

  @Override
  public void close() {
    streams.close();
  }

  /**
   * Reads a shard's records after the last one seen, until a page is empty. A fresh iterator each
   * time: DynamoDB Local refuses (TrimmedDataAccessException) the next-iterator of an empty page
   * once records have arrived after it.
   */
  private void drain(String shardId, List<DynamodbStreamRecord> into) {
    String iterator = iterator(shardId);
    while (iterator != null) {
      String position = iterator;
      GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(position));
      if (page.records().isEmpty()) {
        return;
      }
      for (Record record : page.records()) {
        into.add(toLambda(record));
        lastSequenceNumbers.put(shardId, record.dynamodb().sequenceNumber());
      }
      iterator = page.nextShardIterator();
    }
  }

  private String iterator(String shardId) {
    String last = lastSequenceNumbers.get(shardId);
    return streams
        .getShardIterator(r -> {
          r.streamArn(streamArn).shardId(shardId);
          if (last == null) {
            r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
          } else {
            r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last);
          }
        })
        .shardIterator();
  }

  private DynamodbStreamRecord toLambda(Record record) {
    var change = record.dynamodb();
    StreamRecord data = new StreamRecord();
    data.setKeys(item(change.keys()));
    data.setNewImage(change.hasNewImage() ? item(change.newImage()) : null);
    data.setOldImage(change.hasOldImage() ? item(change.oldImage()) : null);
    data.setSequenceNumber(change.sequenceNumber());
    data.setSizeBytes(change.sizeBytes());
    data.setStreamViewType(
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
            change.streamViewTypeAsString()));
    if (change.approximateCreationDateTime() != null) {
      data.setApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
    }
    DynamodbStreamRecord converted = new DynamodbStreamRecord();
    converted.setEventID(record.eventID());
    converted.setEventName(record.eventNameAsString());
    converted.setEventVersion(record.eventVersion());
    converted.setEventSource(record.eventSource());
    converted.setAwsRegion(record.awsRegion());
    converted.setEventSourceARN(streamArn);
    converted.setDynamodb(data);
    return converted;
  }

  private static Map<
          String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
      item(Map<String, AttributeValue> item) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> copy =
        new LinkedHashMap<>();
    item.forEach((name, value) -> copy.put(name, value(value)));
    return copy;
  }

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(
      AttributeValue value) {
    var converted =
        new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    converted.setS(value.s());
    converted.setN(value.n());
    converted.setBOOL(value.bool());
    converted.setNULL(value.nul());
    if (value.b() != null) {
      converted.setB(value.b().asByteBuffer());
    }
    if (value.hasSs()) {
      converted.setSS(value.ss());
    }
    if (value.hasNs()) {
      converted.setNS(value.ns());
    }
    if (value.hasM()) {
      converted.setM(item(value.m()));
    }
    if (value.hasL()) {
      converted.setL(value.l().stream().map(StreamReader::value).toList());
    }
    return converted;
  }
}
