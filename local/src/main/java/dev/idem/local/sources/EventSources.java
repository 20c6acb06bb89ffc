package dev.idem.local.sources;

import dev.idem.local.aws.AwsClients;
import dev.idem.local.sources.dynamodb.DynamoDbStreamSource;
import dev.idem.local.sources.sqs.SqsEventSource;
import dev.idem.local.sources.sqs.SqsSourceConfig;
import dev.idem.local.sources.stream.StreamEventSource;
import dev.idem.local.sources.stream.StreamSourceConfig;
import java.util.ArrayList;
import java.util.List;

/** The running SQS and stream event source mappings of one local cloud. */
public final class EventSources implements AutoCloseable {

  private final List<EventSource> running = new ArrayList<>();

  private EventSources() {}

  /**
   * Starts every mapping; when one cannot start, those already started are stopped.
   *
   * @throws IllegalStateException when a queue or stream cannot be read
   */
  public static EventSources start(
      List<SqsSourceConfig> queues,
      List<StreamSourceConfig> streams,
      AwsClients clients,
      SourceContext context) {
    EventSources sources = new EventSources();
    try {
      for (SqsSourceConfig queue : queues) {
        sources.running.add(SqsEventSource.start(queue, clients.sqs(), context));
      }
      for (StreamSourceConfig stream : streams) {
        sources.running.add(
            DynamoDbStreamSource.start(stream, clients.streams(), clients.sqs(), context));
      }
      return sources;
    } catch (RuntimeException e) {
      sources.close();
      throw e;
    }
  }

  /** One line per mapping, e.g. {@code sqs PaymentsQueue -> CapturePaymentFunction}. */
  public List<String> descriptions() {
    return running.stream().map(EventSource::description).toList();
  }

  /** The stream mappings (their shard positions are the console's stream column). */
  public List<StreamEventSource<?>> streams() {
    return running.stream()
        .filter(source -> source instanceof StreamEventSource<?>)
        .<StreamEventSource<?>>map(source -> (StreamEventSource<?>) source)
        .toList();
  }

  /** Stops all mappings at once, each waiting for its batches in flight. */
  @Override
  public void close() {
    List<Thread> closers =
        running.stream()
            .map(source -> Thread.ofVirtual().start(() -> closeQuietly(source)))
            .toList();
    for (Thread closer : closers) {
      try {
        closer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void closeQuietly(EventSource source) {
    try {
      source.close();
    } catch (RuntimeException e) {
      System.getLogger(EventSources.class.getName())
          .log(System.Logger.Level.WARNING, "An event source did not stop cleanly", e);
    }
  }
}
