package dev.idem.local.sources.dynamodb;

import dev.idem.local.sources.stream.ShardClient;
import dev.idem.local.sources.stream.ShardRead;
import dev.idem.local.sources.stream.StreamShard;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** One DynamoDB stream through the DynamoDB Streams API. */
final class DynamoDbShardClient implements ShardClient<Record> {

  private final DynamoDbStreamsClient streams;
  private final String streamArn;

  DynamoDbShardClient(DynamoDbStreamsClient streams, String streamArn) {
    this.streams = streams;
    this.streamArn = streamArn;
  }

  @Override
  public List<StreamShard> shards() {
    List<StreamShard> listed = new ArrayList<>();
    String after = null;
    do {
      String start = after;
      StreamDescription description =
          streams
              .describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start))
              .streamDescription();
      description.shards().forEach(shard -> listed.add(shard(shard)));
      after = description.lastEvaluatedShardId();
    } while (after != null);
    return listed;
  }

  private static StreamShard shard(Shard shard) {
    boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
    return new StreamShard(shard.shardId(), shard.parentShardId(), closed);
  }

  @Override
  public String iterator(String shardId, Start start, String sequenceNumber) {
    ShardIteratorType type = ShardIteratorType.fromValue(start.name());
    return streams
        .getShardIterator(r -> {
          r.streamArn(streamArn).shardId(shardId).shardIteratorType(type);
          if (start == Start.AFTER_SEQUENCE_NUMBER) {
            r.sequenceNumber(sequenceNumber);
          }
        })
        .shardIterator();
  }

  @Override
  public ShardRead<Record> read(String iterator, int limit) {
    try {
      GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterator).limit(limit));
      return new ShardRead.Records<>(response.records(), response.nextShardIterator());
    } catch (ExpiredIteratorException e) {
      return new ShardRead.Expired<>();
    } catch (TrimmedDataAccessException e) {
      return new ShardRead.Trimmed<>();
    } catch (ResourceNotFoundException e) {
      return new ShardRead.Gone<>(e.getMessage());
    }
  }
}
