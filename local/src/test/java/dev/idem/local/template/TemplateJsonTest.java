package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void specs_samApiEvents_stageOfTheirApiOrOfAPlainOne() throws Exception {
    Files.writeString(dir.resolve("app.jar"), "a jar");
    String yaml =
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Sam:
            Type: AWS::Serverless::Api
            Properties: {StageName: v2, Variables: {tier: gold}}
          Plain: {Type: AWS::ApiGateway::RestApi, Properties: {Name: plain}}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: app.jar
              Handler: app.H
              Events:
                OnSam: {Type: Api, Properties: {RestApiId: !Ref Sam, Path: /a, Method: get}}
                OnPlain: {Type: Api, Properties: {RestApiId: !Ref Plain, Path: /b, Method: get}}
                Implicit: {Type: Api, Properties: {Path: /c, Method: get}}
        """;

    List<ApiStage> stages =
        Template.parse(yaml, dir, Map.of()).specs().functions().get(0).events().stream()
            .map(event -> ((ApiEvent) event).stage())
            .toList();

    assertThat(stages)
        .containsExactly(
            new ApiStage(ApiStage.Kind.REST, "Sam", "v2", Map.of("tier", "gold"), "1.0"),
            new ApiStage(ApiStage.Kind.REST, "Plain", "Prod", Map.of(), "1.0"),
            ApiStage.SAM_DEFAULT);
  }
}
