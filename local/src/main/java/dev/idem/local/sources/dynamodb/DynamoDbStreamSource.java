package dev.idem.local.sources.dynamodb;

import dev.idem.local.sources.SourceContext;
import dev.idem.local.sources.stream.StreamEventSource;
import dev.idem.local.sources.stream.StreamSourceConfig;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping: the shard machinery of {@link StreamEventSource} over the
 * DynamoDB Streams API, handing functions the {@code DynamodbEvent} Lambda sends.
 *
 * {@snippet :
 * try (StreamEventSource<Record> source =
 *     DynamoDbStreamSource.start(config, streamsClient, sqsClient, SourceContext.of(lambda))) {
 *   // writes to the table now reach the function
 * }
 * }
 */
public final class DynamoDbStreamSource {

  private DynamoDbStreamSource() {}

  /**
   * Lists the stream's shards, takes the iterators of the open ones at the starting position (so
   * with {@code LATEST} every write after this returns is seen) and starts reading.
   *
   * @param config the mapping
   * @param streams a client for the stream's endpoint; the source does not close it
   * @param destinations a client for the OnFailure queue's endpoint, or null when the mapping has
   *     none; the source does not close it
   * @param context the functions, the clock record ages are measured with, and the listener
   * @throws IllegalStateException when the stream does not exist or cannot be read
   * @throws NullPointerException when the mapping has an OnFailure destination but no SQS client is
   *     given
   */
  public static StreamEventSource<Record> start(
      StreamSourceConfig config,
      DynamoDbStreamsClient streams,
      SqsClient destinations,
      SourceContext context) {
    return StreamEventSource.start(
        config,
        new DynamoDbShardClient(streams, config.streamArn()),
        new DynamoDbRecords(config.streamArn(), config.region()),
        destinations,
        context);
  }
}
