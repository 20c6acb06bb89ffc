package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every CDK stack carries: the {@code BootstrapVersion} parameter and its {@code
 * CheckBootstrapVersion} rule, the {@code CDKMetadata} resource under a condition, and intrinsics
 * in the shapes CDK writes them.
 */
class CdkStackTemplateTest {

  private static final String BOOTSTRAP =
      """
      "Parameters": {
        "BootstrapVersion": {
          "Type": "AWS::SSM::Parameter::Value<String>",
          "Default": "/cdk-bootstrap/hnb659fds/version",
          "Description": "Version of the CDK Bootstrap resources in this environment [cdk:skip]"
        }
      },
      "Rules": {
        "CheckBootstrapVersion": {
          "Assertions": [{
            "Assert": {"Fn::Not": [{"Fn::Contains": [["1", "2", "3", "4", "5"], {"Ref": "BootstrapVersion"}]}]},
            "AssertDescription": "CDK bootstrap stack version 6 required."
          }]
        }
      },
      "Conditions": {
        "CDKMetadataAvailable": {"Fn::Or": [
          {"Fn::Equals": [{"Ref": "AWS::Region"}, "af-south-1"]},
          {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]}
      }
      """;

  private static Template parse(String rest, StackContext context) {
    return Template.parse("{" + BOOTSTRAP + "," + rest + "}", Path.of("/t"), Map.of(), context);
  }

  private static final String RESOURCES =
      """
      "Resources": {
        "Queue": {"Type": "AWS::SQS::Queue"},
        "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:x"},
                        "Condition": "CDKMetadataAvailable"}
      }
      """;

  @Test
  void load_bootstrapParameterAndRule_passWithoutBeingReported() {
    Template template = parse(RESOURCES, StackContext.NONE);

    assertThat(template.parameters()).containsEntry("BootstrapVersion", "34");
    assertThat(template.specs().notEmulated().properties()).isEmpty();
    assertThat(template.specs().notEmulated().resources())
        .extracting(NotEmulated.Item::what)
        .containsExactly("AWS::CDK::Metadata");
  }

  @Test
  void load_ruleAssertionFails_failsWithItsDescription() {
    assertThatThrownBy(() ->
            Template.parse(
                "{" + BOOTSTRAP + "," + RESOURCES + "}",
                Path.of("/t"),
                Map.of("BootstrapVersion", "5"),
                StackContext.NONE))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "Rules.CheckBootstrapVersion: assertion failed: CDK bootstrap stack version 6"
                + " required.");
  }

  @Test
  void load_ruleAskingTheAccount_reportedNotChecked() {
    String rules =
        """
        "Parameters": {"Vpc": {"Type": "String", "Default": "vpc-1"}},
        "Rules": {"VpcTagged": {"Assertions": [
          {"Assert": {"Fn::Contains": [["prod"], {"Fn::ValueOf": ["Vpc", "Tags"]}]}}]}},
        """;

    Template template =
        Template.parse(
            "{" + rules + "\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}",
            Path.of("/t"),
            Map.of(),
            StackContext.NONE);

    assertThat(template.specs().notEmulated().properties())
        .extracting(NotEmulated.Item::what)
        .containsExactly("Rules using Fn::ValueOf");
  }

  @Test
  void outputs_cdkShapes_stackNameJoinSelectSplitIfAndImport() {
    String outputs =
        RESOURCES
            + """
            , "Outputs": {
              "Name": {"Value": {"Ref": "AWS::StackName"}},
              "QueueName": {"Value": {"Fn::Select": [5, {"Fn::Split": [":", {"Fn::GetAtt": ["Queue", "Arn"]}]}]}},
              "Joined": {"Value": {"Fn::Join": ["-", [{"Ref": "AWS::Region"}, {"Fn::GetAtt": ["Queue", "QueueName"]}]]}},
              "Chosen": {"Value": {"Fn::If": ["CDKMetadataAvailable", "yes", "no"]}},
              "Imported": {"Value": {"Fn::ImportValue": "shared-bus-name"}},
              "Url": {"Value": {"Fn::GetAtt": ["Queue", "QueueUrl"]}}
            }\
            """;
    StackContext context = new StackContext("app-dev", Map.of("shared-bus-name", "shared-bus"));

    Map<String, String> values = parse(outputs, context).specs().outputs();

    assertThat(values)
        .containsEntry("Name", "app-dev")
        .containsEntry("QueueName", "Queue")
        .containsEntry("Joined", "us-east-1-Queue")
        .containsEntry("Chosen", "yes")
        .containsEntry("Imported", "shared-bus")
        .containsEntry("Url", "http://127.0.0.1:4566/000000000000/Queue");
  }
}
