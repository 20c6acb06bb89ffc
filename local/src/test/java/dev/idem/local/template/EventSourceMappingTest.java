package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AWS::Lambda::EventSourceMapping} as CDK's {@code SqsEventSource} and {@code
 * DynamoEventSource} synthesize it, on the function's alias.
 */
class EventSourceMappingTest {

  private static final String SOURCES =
      """
      , "Jobs": {"Type": "AWS::SQS::Queue"},
      "Failures": {"Type": "AWS::SQS::Queue"},
      "Orders": {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
          "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
          "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
          "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"}
        }
      }\
      """;

  @TempDir Path assembly;

  private FunctionSpec function(String mapping) {
    return CdkTemplates.specs(assembly, CdkTemplates.FUNCTION + SOURCES + ", " + mapping)
        .functions()
        .get(0);
  }

  private static String mapping(String properties) {
    return """
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": {"FunctionName": %s, %s}
    }\
    """
        .formatted(CdkTemplates.ALIAS_NAME, properties);
  }

  @Test
  void specs_sqsMapping_everyPropertyRead() {
    FunctionSpec fn =
        function(
            mapping(
                """
                "EventSourceArn": {"Fn::GetAtt": ["Jobs", "Arn"]},
                "BatchSize": 5, "MaximumBatchingWindowInSeconds": 2,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                "ScalingConfig": {"MaximumConcurrency": 3}, "Enabled": false,
                "FilterCriteria": {"Filters": [{"Pattern": "{\\"body\\":{\\"kind\\":[\\"job\\"]}}"}]}
                """));

    assertThat(fn.events())
        .containsExactly(
            new SqsEvent(
                "Mapping",
                "arn:aws:sqs:us-east-1:000000000000:Jobs",
                5,
                Duration.ofSeconds(2),
                true,
                3,
                false,
                List.of("{\"body\":{\"kind\":[\"job\"]}}")));
  }

  @Test
  void specs_streamMapping_everyPropertyRead() {
    FunctionSpec fn =
        function(
            mapping(
                """
                "EventSourceArn": {"Fn::GetAtt": ["Orders", "StreamArn"]},
                "StartingPosition": "TRIM_HORIZON", "BatchSize": 25,
                "BisectBatchOnFunctionError": true, "MaximumRetryAttempts": 5,
                "MaximumRecordAgeInSeconds": 3600,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}},
                "FilterCriteria": {"Filters": [
                  {"Pattern": "{\\"eventName\\":[\\"INSERT\\"]}"},
                  {"Pattern": "{\\"dynamodb\\":{\\"NewImage\\":{\\"status\\":{\\"S\\":[\\"PAID\\"]}}}}"}]}
                """));

    assertThat(fn.events())
        .containsExactly(
            new StreamEvent(
                "Mapping",
                "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/local",
                "TRIM_HORIZON",
                25,
                Duration.ZERO,
                5,
                3600,
                true,
                true,
                "arn:aws:sqs:us-east-1:000000000000:Failures",
                true,
                List.of(
                    "{\"eventName\":[\"INSERT\"]}",
                    "{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PAID\"]}}}}")));
  }

  @Test
  void specs_mappingByFunctionNameOrArn_sameFunction() {
    FunctionSpec byName =
        function(
            mapping("\"EventSourceArn\": {\"Fn::GetAtt\": [\"Jobs\", \"Arn\"]}")
                .replace(CdkTemplates.ALIAS_NAME, "{\"Ref\": \"Fn\"}"));
    FunctionSpec byArn =
        function(
            mapping("\"EventSourceArn\": {\"Fn::GetAtt\": [\"Jobs\", \"Arn\"]}")
                .replace(CdkTemplates.ALIAS_NAME, "{\"Fn::GetAtt\": [\"Fn\", \"Arn\"]}"));

    assertThat(byName.events()).hasSize(1);
    assertThat(byArn.events()).hasSize(1);
  }

  @Test
  void specs_kinesisMapping_reportedNotEmulated() {
    StackSpec stack =
        CdkTemplates.specs(
            assembly,
            CdkTemplates.FUNCTION
                + ", "
                + mapping(
                    "\"EventSourceArn\": \"arn:aws:kinesis:us-east-1:1:stream/s\","
                        + " \"StartingPosition\": \"LATEST\""));

    assertThat(stack.functions().get(0).events()).isEmpty();
    assertThat(stack.notEmulated().resources())
        .extracting(NotEmulated.Item::what)
        .containsExactly(
            "AWS::Lambda::EventSourceMapping (from arn:aws:kinesis:us-east-1:1:stream/s:"
                + " only SQS and DynamoDB streams)");
  }

  @Test
  void specs_parallelizationFactor_reportedByName() {
    StackSpec stack =
        CdkTemplates.specs(
            assembly,
            CdkTemplates.FUNCTION
                + SOURCES
                + ", "
                + mapping(
                    """
                    "EventSourceArn": {"Fn::GetAtt": ["Orders", "StreamArn"]},
                    "StartingPosition": "LATEST", "ParallelizationFactor": 2
                    """));

    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .containsExactly("Mapping.ParallelizationFactor");
  }

  @Test
  void specs_filterPatternThatIsNone_failsNamingIt() {
    assertThatThrownBy(() ->
            function(
                mapping(
                    """
                    "EventSourceArn": {"Fn::GetAtt": ["Jobs", "Arn"]},
                    "FilterCriteria": {"Filters": [{"Pattern": "{\\"body\\": \\"job\\"}"}]}
                    """)))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "Mapping.FilterCriteria.Filters[0].Pattern is not an event filter pattern");
  }
}
