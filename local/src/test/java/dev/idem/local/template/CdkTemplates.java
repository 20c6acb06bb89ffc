package dev.idem.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small CloudFormation templates in JSON, as CDK synthesizes them, for the template tests. */
final class CdkTemplates {

  /** A Java function with its code in the assembly's {@code asset.fn.jar}. */
  static final String FUNCTION =
      """
      "Fn": {
        "Type": "AWS::Lambda::Function",
        "Properties": {
          "Code": {"S3Bucket": "assets", "S3Key": "fn.jar"},
          "Handler": "app.Handler::handleRequest", "Runtime": "java21", "Timeout": 20
        },
        "Metadata": {"aws:cdk:path": "app/Fn/Resource", "aws:asset:path": "asset.fn.jar"}
      },
      "FnVersion": {
        "Type": "AWS::Lambda::Version",
        "Properties": {"FunctionName": {"Ref": "Fn"}}
      },
      "FnAlias": {
        "Type": "AWS::Lambda::Alias",
        "Properties": {
          "FunctionName": {"Ref": "Fn"},
          "FunctionVersion": {"Fn::GetAtt": ["FnVersion", "Version"]},
          "Name": "live",
          "ProvisionedConcurrencyConfig": {"ProvisionedConcurrentExecutions": 2}
        }
      }\
      """;

  /** CDK's way of naming an alias in an event source mapping: {@code <name>:live}. */
  static final String ALIAS_NAME =
      """
      {"Fn::Join": ["", [{"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "FnAlias"}]}]}, ":live"]]}\
      """;

  private CdkTemplates() {}

  /** A template of these resources (JSON object members), with the function's asset in place. */
  static Template template(Path assembly, String resources) {
    try {
      Files.writeString(assembly.resolve("asset.fn.jar"), "a jar");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Template.parse("{\"Resources\": {" + resources + "}}", assembly, Map.of());
  }

  static StackSpec specs(Path assembly, String resources) {
    return template(assembly, resources).specs();
  }
}
