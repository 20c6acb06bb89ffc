package dev.idem.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ResourceKind}: which CloudFormation types are read as which kind, and their words. */
class ResourceKindTest {

  @Test
  void of_samAndPlainTypes_readAsTheSameKind() {
    assertThat(ResourceKind.of("AWS::Serverless::Function")).contains(ResourceKind.FUNCTION);
    assertThat(ResourceKind.of("AWS::Lambda::Function")).contains(ResourceKind.FUNCTION);
    assertThat(ResourceKind.of("AWS::Serverless::SimpleTable")).contains(ResourceKind.TABLE);
    assertThat(ResourceKind.of("AWS::DynamoDB::Table")).contains(ResourceKind.TABLE);
  }

  @Test
  void of_attachedOrUnemulatedType_isNoKind() {
    assertThat(ResourceKind.of("AWS::Lambda::EventSourceMapping")).isEmpty();
    assertThat(ResourceKind.of("AWS::IAM::Role")).isEmpty();
  }

  @Test
  void provisioned_isWhatTheProvisionerCreates() {
    assertThat(ResourceKind.values())
        .filteredOn(ResourceKind::provisioned)
        .containsExactly(
            ResourceKind.TABLE, ResourceKind.QUEUE, ResourceKind.EVENT_BUS, ResourceKind.RULE);
  }

  @Test
  void count_oneAndMany_inWords() {
    assertThat(ResourceKind.EVENT_BUS.count(1)).isEqualTo("1 event bus");
    assertThat(ResourceKind.EVENT_BUS.count(2)).isEqualTo("2 event buses");
    assertThat(ResourceKind.QUEUE.count(0)).isEqualTo("0 queues");
  }

  @Test
  void provisioningOrder_holdsOnlyProvisionedKinds() {
    Template template =
        Template.parse(
            """
            Resources:
              Jobs: {Type: AWS::SQS::Queue}
              Items: {Type: AWS::Serverless::SimpleTable}
              Role: {Type: AWS::IAM::Role}
              Bus: {Type: AWS::Events::EventBus}
            """,
            Path.of("."),
            Map.of());

    assertThat(template.provisioningOrder()).containsExactly("Jobs", "Items", "Bus");
    assertThat(template.specs().resources())
        .extracting(ResourceSpec::kind)
        .containsExactly(ResourceKind.TABLE, ResourceKind.QUEUE, ResourceKind.EVENT_BUS);
  }

  @Test
  void provisionedSpec_ofAResourceTheProvisionerDoesNotCreate_isBadInput() {
    Template template =
        Template.parse(
            """
            Resources:
              Jobs: {Type: AWS::SQS::Queue}
              Role: {Type: AWS::IAM::Role}
            """,
            Path.of("."),
            Map.of());
    PhysicalIds ids = template.physicalIds(Template.DEFAULT_EDGE);

    assertThat(template.provisionedSpec("Jobs", ids)).isInstanceOf(QueueSpec.class);
    assertThatThrownBy(() -> template.provisionedSpec("Role", ids))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Role (AWS::IAM::Role) is not created by the provisioner");
  }
}
