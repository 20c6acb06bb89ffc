package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeAndSamTest {

  @TempDir Path dir;

  @Test
  void specs_samGeneratedReferences_resolvedAndReported() {
    String yaml =
        """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HelloFunction:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: java21
              CodeUri: hello
              Handler: hello.App::handleRequest
              Events:
                Hello: {Type: Api, Properties: {Path: /hello, Method: get}}
        Outputs:
          Api:
            Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/hello/"
          Role:
            Value: !GetAtt HelloFunctionRole.Arn
        """;

    StackSpec stack = Template.parse(yaml, dir, Map.of()).specs();

    assertThat(stack.outputs().get("Api"))
        .isEqualTo("https://ServerlessRestApi.execute-api.us-east-1.amazonaws.com/Prod/hello/");
    assertThat(stack.outputs().get("Role")).contains("HelloFunctionRole");
    assertThat(stack.notEmulated().summary())
        .contains("SAM-generated ServerlessRestApi")
        .contains("SAM-generated HelloFunctionRole");
  }

  @Test
  void specs_ruleWithLambdaAndSnsTargets_functionTargetKeptSnsReported() {
    String yaml =
        """
        Resources:
          Fn: {Type: AWS::Serverless::Function, Properties: {Runtime: java21, CodeUri: x.jar, Handler: a.B}}
          R:
            Type: AWS::Events::Rule
            Properties:
              EventPattern: {source: [s]}
              Targets:
                - {Id: fn, Arn: !GetAtt Fn.Arn}
                - {Id: topic, Arn: arn:aws:sns:us-east-1:000000000000:t}
                - {Id: elsewhere, Arn: arn:aws:lambda:us-east-1:000000000000:function:other}
        """;

    StackSpec stack = Template.parse(yaml, dir, Map.of()).specs();

    assertThat(stack.rules().get(0).targets().get(0).arn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Fn");
    assertThat(stack.notEmulated().properties())
        .extracting(NotEmulated.Item::where)
        .containsExactly("R.Targets[1]", "R.Targets[2]");
  }
}
