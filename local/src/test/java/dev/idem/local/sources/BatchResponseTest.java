package dev.idem.local.sources;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lambda's judgement of a batch answer under {@code ReportBatchItemFailures}, for SQS and streams
 * alike. Sources: the Lambda developer guide, "Implementing partial batch responses" (success: an
 * empty or null {@code batchItemFailures}, an empty or null response; whole-batch failure: invalid
 * JSON, an empty or null {@code itemIdentifier}, a bad key name, an identifier not in the batch),
 * and LocalStack's AWS-validated {@code test_dynamodb_report_batch_item_success_scenarios} and
 * {@code test_dynamodb_report_batch_item_failure_scenarios} in {@code
 * tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_dynamodbstreams.py}.
 */
class BatchResponseTest {

  private static final List<String> IDS = List.of("m1", "m2", "m3");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "{}",
        "{\"other\":1}",
        "{\"batchItemFailures\":null}",
        "{\"batchItemFailures\":[]}",
        "[]" // empty_list_success
      })
  void parse_noFailuresListed_allSucceeded(String answer) {
    BatchResponse response = BatchResponse.parse(answer.getBytes(UTF_8), IDS);

    assertThat(response.valid()).isTrue();
    assertThat(response.allSucceeded()).isTrue();
  }

  @Test
  void parse_failuresListedOutOfOrder_returnsThemInBatchOrderOnce() {
    String answer =
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"},{\"itemIdentifier\":\"m1\"},"
            + "{\"itemIdentifier\":\"m3\"}]}";

    BatchResponse response = BatchResponse.parse(answer.getBytes(UTF_8), IDS);

    assertThat(response.valid()).isTrue();
    assertThat(response.failed()).containsExactly("m1", "m3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "\"a string\"",
        "[\"m1\"]",
        "42",
        "{\"batchItemFailures\":{}}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"unknown\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
        "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":1}]}",
        "{\"batchItemFailures\":[\"m1\"]}"
      })
  void parse_invalidAnswer_failsTheWholeBatchWithAReason(String answer) {
    BatchResponse response = BatchResponse.parse(answer.getBytes(UTF_8), IDS);

    assertThat(response.valid()).isFalse();
    assertThat(response.allSucceeded()).isFalse();
    assertThat(response.invalidReason()).isNotBlank();
  }
}
