package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates in JSON, and SAM and plain resources mixed in one template. */
class TemplateJsonTest {

  @TempDir Path dir;

  @Test
  void parse_jsonWithTabs_readAsJson() {
    Template template =
        Template.parse(
            "{\n\t\"Resources\": {\n\t\t\"Q\": {\"Type\": \"AWS::SQS::Queue\"}\n\t}\n}",
            dir,
            Map.of());

    assertThat(template.specs().queues()).hasSize(1);
  }

  @Test
  void parse_jsonThatDoesNotParse_failsNamingTheLine() {
    assertThatThrownBy(() ->
            Template.parse(
                "{\n\"Resources\": {\n  \"Q\": {\"Type\" \"AWS::SQS::Queue\"}}}", dir, Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageContaining("(line 3)");
  }

  @Test
  void parse_duplicateKeyInJson_refused() {
    assertThatThrownBy(() ->
            Template.parse(
                "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"},"
                    + " \"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}",
                dir,
                Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Duplicate field 'Q'");
  }

  @Test
  void specs_samFunctionWithPlainMapping_bothItsOwnAndTheMappingsEvents() throws Exception {
    Files.writeString(dir.resolve("app.jar"), "a jar");
    String yaml =
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Jobs: {Type: AWS::SQS::Queue}
          More: {Type: AWS::SQS::Queue}
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: app.jar
              Handler: app.Worker
              AutoPublishAlias: live
              Events:
                Jobs: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}
          MoreMapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties:
              FunctionName: !Sub "${Worker}:live"
              EventSourceArn: !GetAtt More.Arn
              FilterCriteria: {Filters: [{Pattern: '{"body": {"urgent": [true]}}'}]}
        """;

    FunctionSpec worker = Template.parse(yaml, dir, Map.of()).specs().functions().get(0);

    assertThat(worker.events())
        .extracting(FunctionEvent::name)
        .containsExactly("Jobs", "MoreMapping");
    assertThat(((SqsEvent) worker.events().get(1)).filters())
        .containsExactly("{\"body\": {\"urgent\": [true]}}");
    assertThat(worker.aliases()).containsExactly(new FunctionAlias("live", 0));
  }
}
