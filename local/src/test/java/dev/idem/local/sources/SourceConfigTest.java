package dev.idem.local.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.sources.sqs.SqsSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig.StartingPosition;
import dev.idem.testing.LocalAccount;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

  private static final String QUEUE_ARN = LocalAccount.arn("sqs", "orders");
  private static final String STREAM_ARN =
      LocalAccount.arn("dynamodb", "table/Orders/stream/2026-01-01T00:00:00.000");

  @Test
  void sqs_fifoQueue_allowsAtMostTenPerBatch() {
    assertThatThrownBy(() -> sqs(QUEUE_ARN + ".fifo", 11, Duration.ZERO, 1))
        .hasMessageContaining("BatchSize outside 1..10");
    assertThat(sqs(QUEUE_ARN + ".fifo", 10, Duration.ZERO, 1).fifo()).isTrue();
  }

  @Test
  void sqs_outOfRange_isRejectedNamingTheFunctionAndQueue() {
    assertThatThrownBy(() -> sqs(QUEUE_ARN, 0, Duration.ZERO, 1))
        .hasMessageContaining("SQS source of f (" + QUEUE_ARN + ")");
    assertThatThrownBy(() -> sqs(QUEUE_ARN, 10, Duration.ofMinutes(6), 1))
        .hasMessageContaining("MaximumBatchingWindow");
    assertThatThrownBy(() -> sqs(QUEUE_ARN, 10, Duration.ZERO, 0))
        .hasMessageContaining("MaximumConcurrency");
    assertThatThrownBy(() -> sqs("orders", 10, Duration.ZERO, 1))
        .hasMessageContaining("not an ARN");
  }

  @Test
  void sqs_arn_givesNameAndRegion() {
    SqsSourceConfig config = sqs(QUEUE_ARN, 10, Duration.ZERO, 1);

    assertThat(config.queueName()).isEqualTo("orders");
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.fifo()).isFalse();
  }

  @Test
  void stream_limits_acceptMinusOneAndRejectOthersOutOfRange() {
    assertThat(stream(-1, -1, null).tableName()).isEqualTo("Orders");
    assertThatThrownBy(() -> stream(-2, -1, null)).hasMessageContaining("MaximumRetryAttempts");
    assertThatThrownBy(() -> stream(0, 59, null)).hasMessageContaining("MaximumRecordAgeInSeconds");
    assertThatThrownBy(() -> stream(0, -1, LocalAccount.arn("sns", "topic")))
        .hasMessageContaining("SQS queue ARN");
  }

  @Test
  void stream_functionArn_isTheLocalAccountsArn() {
    assertThat(stream(0, 60, QUEUE_ARN).functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
  }

  private static SqsSourceConfig sqs(String arn, int batchSize, Duration window, int concurrency) {
    return new SqsSourceConfig("f", "http://q", arn, batchSize, window, false, concurrency);
  }

  private static StreamSourceConfig stream(int retries, int age, String onFailure) {
    return new StreamSourceConfig(
        "f",
        STREAM_ARN,
        StartingPosition.LATEST,
        100,
        Duration.ZERO,
        retries,
        age,
        false,
        false,
        onFailure);
  }
}
