package dev.idem.infra.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.infra.support.CdkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;

/** Validation of consumer settings: no synthesis, only the construct tree. */
class QueueConsumerPropsTest {

  private static IdempotentFunction function;

  @BeforeAll
  static void createFunction() {
    App app = CdkTest.app();
    function =
        new IdempotentFunction(
            new Stack(app, "Props"),
            "Consumer",
            IdempotentFunctionProps.builder("com.example.Consumer::handleRequest")
                .code(CdkTest.functionsCode())
                .timeout(Duration.seconds(30))
                .build());
  }

  @Test
  void build_visibilityBelowSixTimesTheTimeoutPlusWindow_isRefusedWithTheMinimum() {
    QueueConsumerProps.Builder tooShort =
        QueueConsumerProps.builder(function)
            .queue(MonitoredQueueProps.builder().visibilityTimeout(Duration.seconds(180)).build());

    assertThatThrownBy(tooShort::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(180 s) must be at least 6 x the function's timeout (30 s)")
        .hasMessageContaining("= 181 s");
  }

  @Test
  void build_visibilityAtTheMinimum_isAccepted() {
    QueueConsumerProps props =
        QueueConsumerProps.builder(function)
            .queue(MonitoredQueueProps.builder().visibilityTimeout(Duration.seconds(181)).build())
            .build();

    assertThat(props.minimumVisibilityTimeout().toSeconds()).isEqualTo(181);
  }

  @Test
  void build_noVisibility_derivesTheMinimum() {
    QueueConsumerProps props = QueueConsumerProps.builder(function).build();

    assertThat(props.resolvedQueue().visibilityTimeout().toSeconds()).isEqualTo(181);
  }

  @Test
  void build_fifoWithBatchingWindow_isRefused() {
    assertThatThrownBy(() ->
            QueueConsumerProps.builder(function)
                .queue(MonitoredQueueProps.builder().fifo(true).build())
                .maxBatchingWindow(Duration.seconds(1))
                .build())
        .hasMessageContaining("A FIFO queue's event source has no batching window");
  }

  @Test
  void build_batchOutOfLambdasRange_isRefused() {
    assertThatThrownBy(() ->
            QueueConsumerProps.builder(function)
                .queue(MonitoredQueueProps.builder().fifo(true).build())
                .batchSize(11)
                .build())
        .hasMessageContaining("batchSize must be between 1 and 10");
    assertThatThrownBy(() ->
            QueueConsumerProps.builder(function)
                .batchSize(50)
                .maxBatchingWindow(Duration.seconds(0))
                .build())
        .hasMessageContaining("above 10 needs a batching window");
  }

  @Test
  void build_maxConcurrencyOutOfLambdasRange_isRefused() {
    assertThatThrownBy(() -> QueueConsumerProps.builder(function).maxConcurrency(1).build())
        .hasMessageContaining("maxConcurrency must be between 2 and 1000");
  }

  @Test
  void build_deadLettersKeptNoLongerThanTheQueue_isRefused() {
    assertThatThrownBy(() ->
            MonitoredQueueProps.builder()
                .retentionPeriod(Duration.days(14))
                .deadLetterRetention(Duration.days(14))
                .build())
        .hasMessageContaining("must keep messages longer than the queue");
  }
}
