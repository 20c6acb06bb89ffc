package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cloud assembly as {@code cdk synth} writes it: a manifest, templates, a nested stage. */
class CloudAssemblyTest {

  @TempDir Path out;

  @BeforeEach
  void assembly() throws Exception {
    Files.writeString(
        out.resolve("manifest.json"),
        """
        {"version": "54.0.0", "artifacts": {
          "shared.assets": {"type": "cdk:asset-manifest", "properties": {"file": "shared.assets.json"}},
          "shared": {"type": "aws:cloudformation:stack", "displayName": "shared",
                     "properties": {"templateFile": "shared.template.json"}},
          "app": {"type": "aws:cloudformation:stack", "displayName": "app",
                  "properties": {"templateFile": "app.template.json", "stackName": "app-dev"}},
          "assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}},
          "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
        }}\
        """);
    Files.writeString(
        out.resolve("shared.template.json"),
        """
        {"Resources": {"Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "shared-bus"}}},
         "Outputs": {"BusName": {"Value": {"Ref": "Bus"}, "Export": {"Name": "shared-bus-name"}},
                     "Stack": {"Value": {"Ref": "AWS::StackName"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-name"}}}}}\
        """);
    Files.writeString(
        out.resolve("app.template.json"),
        """
        {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
         "Outputs": {"Bus": {"Value": {"Fn::ImportValue": "shared-bus-name"}}}}\
        """);
    Path stage = Files.createDirectories(out.resolve("assembly-Prod"));
    Files.writeString(
        stage.resolve("manifest.json"),
        """
        {"version": "54.0.0", "artifacts": {
          "ProdApp": {"type": "aws:cloudformation:stack", "displayName": "Prod/App",
                      "properties": {"templateFile": "ProdApp.template.json", "stackName": "Prod-App"}}
        }}\
        """);
    Files.writeString(
        stage.resolve("ProdApp.template.json"),
        "{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}");
  }

  @Test
  void read_manifest_everyStackNestedOnesToo() {
    CloudAssembly assembly = CloudAssembly.read(out);

    assertThat(assembly.stacks())
        .extracting(CloudAssembly.Stack::name, CloudAssembly.Stack::displayName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shared", "shared"),
            org.assertj.core.groups.Tuple.tuple("app-dev", "app"),
            org.assertj.core.groups.Tuple.tuple("Prod-App", "Prod/App"));
    assertThat(assembly.stack("Prod/App").templateFile())
        .isEqualTo(out.resolve("assembly-Prod/ProdApp.template.json"));
  }

  @Test
  void stack_byStackNameOrArtifactId_found() {
    CloudAssembly assembly = CloudAssembly.read(out);

    assertThat(assembly.stack("app-dev")).isEqualTo(assembly.stack("app"));
  }

  @Test
  void stack_unknownOrSeveral_oneLineListingTheStacks() {
    CloudAssembly assembly = CloudAssembly.read(out);

    assertThatThrownBy(() -> assembly.stack("nope"))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith("its stacks: shared, app-dev, Prod-App");
    assertThatThrownBy(assembly::onlyStack)
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith(
            "holds 3 stacks; pick one with --stack NAME: shared, app-dev, Prod-App");
  }

  @Test
  void template_importValue_resolvedFromTheOtherStacksExports() {
    CloudAssembly assembly = CloudAssembly.read(out);

    Template template = assembly.template(assembly.stack("app-dev"), Map.of());

    assertThat(template.context().stackName()).isEqualTo("app-dev");
    assertThat(template.context().exports())
        .containsEntry("shared-bus-name", "shared-bus")
        .containsEntry("shared-name", "shared");
    assertThat(template.specs().outputs()).containsEntry("Bus", "shared-bus");
    assertThat(template.specs().notEmulated().isEmpty()).isTrue();
  }

  @Test
  void contextOf_templateOfTheAssemblyOrLoneFile_itsStackOrNone() throws Exception {
    Path lone = Files.writeString(Files.createTempFile("lone", ".json"), "{}");

    assertThat(CloudAssembly.contextOf(out.resolve("app.template.json")).stackName())
        .isEqualTo("app-dev");
    assertThat(CloudAssembly.contextOf(lone)).isEqualTo(StackContext.NONE);
    Files.delete(lone);
  }

  @Test
  void read_noManifest_saysToSynthesize() {
    assertThatThrownBy(() -> CloudAssembly.read(out.resolve("assembly-Prod").resolve("none")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("no manifest.json (run cdk synth first)");
  }
}
