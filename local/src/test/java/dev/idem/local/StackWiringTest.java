package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.code.CodeLayouts;
import dev.idem.local.lambda.FunctionDefinition;
import dev.idem.local.sources.api.ApiRoute;
import dev.idem.local.sources.api.BodyValidation;
import dev.idem.local.sources.api.GatewayResponse;
import dev.idem.local.sources.sqs.SqsSourceConfig;
import dev.idem.local.sources.stream.StreamSourceConfig;
import dev.idem.local.template.StackSpec;
import dev.idem.local.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackWiringTest {

  private static final String YAML =
      """
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function: {Runtime: java21, CodeUri: app.jar, MemorySize: 512, Timeout: 7}
      Resources:
        Table:
          Type: AWS::DynamoDB::Table
          Properties:
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            KeySchema: [{AttributeName: id, KeyType: HASH}]
            StreamSpecification: {StreamViewType: NEW_IMAGE}
        Jobs: {Type: AWS::SQS::Queue}
        Failures: {Type: AWS::SQS::Queue}
        Api:
          Type: AWS::Serverless::Function
          Properties:
            Handler: app.Api::handle
            Environment: {Variables: {TABLE: !Ref Table}}
            Events:
              Get: {Type: Api, Properties: {Path: "/things/{id}", Method: get}}
              Post: {Type: Api, Properties: {Path: /things, Method: post}}
        Worker:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: worker
            Handler: app.Worker
            ReservedConcurrentExecutions: 2
            Events:
              Queue:
                Type: SQS
                Properties: {Queue: !GetAtt Jobs.Arn, BatchSize: 5}
              Capped:
                Type: SQS
                Properties:
                  Queue: !GetAtt Failures.Arn
                  ScalingConfig: {MaximumConcurrency: 4}
                  Enabled: false
              Stream:
                Type: DynamoDB
                Properties:
                  Stream: !GetAtt Table.StreamArn
                  StartingPosition: LATEST
                  MaximumRetryAttempts: 2
                  DestinationConfig:
                    OnFailure: {Destination: !GetAtt Failures.Arn}
      """;

  @TempDir Path dir;

  private StackSpec stack;

  @BeforeEach
  void template() throws Exception {
    Files.createFile(dir.resolve("app.jar"));
    stack = Template.parse(YAML, dir, Map.of()).specs();
  }

  @Test
  void definitions_fromSpecs_reservedConcurrencyElseDefaultLimit() {
    List<FunctionDefinition> functions = StackWiring.definitions(stack, 6, CodeLayouts.standard());

    assertThat(functions)
        .extracting(FunctionDefinition::name, FunctionDefinition::concurrencyLimit)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Api", 6),
            org.assertj.core.groups.Tuple.tuple("worker", 2));
    FunctionDefinition api = functions.get(0);
    assertThat(api.handler()).isEqualTo("app.Api::handle");
    assertThat(api.code().classpath()).containsExactly(dir.resolve("app.jar"));
    assertThat(api.memoryMb()).isEqualTo(512);
    assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(api.environment()).containsEntry("TABLE", "Table");
  }

  @Test
  void routes_everyApiEvent() {
    assertThat(StackWiring.routes(stack))
        .containsExactly(
            new ApiRoute("GET", "/things/{id}", "Api"), new ApiRoute("POST", "/things", "Api"));
  }

  @Test
  void routes_requestModelWithValidateBody_validateWithTheModelAndTheApisAnswer() {
    String yaml =
        """
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              StageName: dev
              Models: {Thing: {type: object, required: [name]}}
              GatewayResponses:
                BAD_REQUEST_BODY: {ResponseTemplates: {application/json: '{"e":1}'}}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: app.jar
              Handler: a.B
              Events:
                Post:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Api
                    Path: /things
                    Method: post
                    RequestModel: {Model: Thing, ValidateBody: true}
                Plain: {Type: Api, Properties: {Path: /other, Method: post}}
        """;

    List<ApiRoute> routes = StackWiring.routes(Template.parse(yaml, dir, Map.of()).specs());

    BodyValidation validation = routes.get(0).bodyValidation();
    assertThat(validation.contentType()).isEqualTo("application/json");
    assertThat(validation.schema()).isEqualTo("{\"type\":\"object\",\"required\":[\"name\"]}");
    assertThat(validation.invalidBody())
        .isEqualTo(new GatewayResponse(400, Map.of(), Map.of("application/json", "{\"e\":1}")));
    assertThat(routes.get(1).bodyValidation()).isNull();
  }

  @Test
  void sqsSources_enabledOnly_concurrencyFromFunctionLimitWhenUnset() {
    List<SqsSourceConfig> sources =
        StackWiring.sqsSources(stack, arn -> "url-of-" + arn, name -> 2);

    assertThat(sources)
        .singleElement()
        .satisfies(source -> {
          assertThat(source.functionName()).isEqualTo("worker");
          assertThat(source.queueArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:Jobs");
          assertThat(source.queueUrl()).isEqualTo("url-of-arn:aws:sqs:us-east-1:000000000000:Jobs");
          assertThat(source.batchSize()).isEqualTo(5);
          assertThat(source.maximumConcurrency()).isEqualTo(2);
        });
    assertThat(StackWiring.disabled(stack)).containsExactly("Worker.Capped");
  }

  @Test
  void streamSources_mappedFromTheEvent() {
    List<StreamSourceConfig> sources = StackWiring.streamSources(stack);

    assertThat(sources)
        .singleElement()
        .satisfies(source -> {
          assertThat(source.functionName()).isEqualTo("worker");
          assertThat(source.startingPosition())
              .isEqualTo(StreamSourceConfig.StartingPosition.LATEST);
          assertThat(source.maximumRetryAttempts()).isEqualTo(2);
          assertThat(source.onFailureDestinationArn())
              .isEqualTo("arn:aws:sqs:us-east-1:000000000000:Failures");
        });
  }
}
