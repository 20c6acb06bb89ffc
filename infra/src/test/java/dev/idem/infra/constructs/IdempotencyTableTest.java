package dev.idem.infra.constructs;

import static dev.idem.infra.support.CfnTemplate.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;

class IdempotencyTableTest {

  private static Stack defaults;
  private static Stack customerKey;
  private static Stack composite;
  private static CfnTemplate defaultsTemplate;
  private static CfnTemplate customerKeyTemplate;
  private static CfnTemplate compositeTemplate;
  private static String table;
  private static String key;
  private static String plainRole;
  private static String transactionalRole;
  private static String keyRole;

  @BeforeAll
  static void synthesize() {
    App app = CdkTest.app();
    defaults = new Stack(app, "Defaults");
    IdempotencyTable idempotency =
        new IdempotencyTable(defaults, "Idempotency", IdempotencyTableProps.builder().build());
    plainRole = grantee(defaults, "Plain", idempotency, false);
    transactionalRole = grantee(defaults, "Transactional", idempotency, true);
    table = CdkTest.logicalId(idempotency.table());

    customerKey = new Stack(app, "CustomerKey");
    Key cmk = Key.Builder.create(customerKey, "Key").enableKeyRotation(true).build();
    IdempotencyTable encrypted =
        new IdempotencyTable(
            customerKey, "Idempotency", IdempotencyTableProps.builder().encryptionKey(cmk).build());
    keyRole = grantee(customerKey, "Function", encrypted, false);
    key = CdkTest.logicalId(cmk);

    composite = new Stack(app, "Composite");
    new IdempotencyTable(
        composite,
        "Idempotency",
        IdempotencyTableProps.builder()
            .schema(IdempotencyTableSchema.compositeKey("pk", "idempotency", "sk"))
            .deletionProtection(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .tableName("orders-idempotency")
            .build());

    Map<String, Map<String, Object>> templates =
        CdkTest.synthesize(app, defaults, customerKey, composite);
    defaultsTemplate = new CfnTemplate(templates.get("Defaults"));
    customerKeyTemplate = new CfnTemplate(templates.get("CustomerKey"));
    compositeTemplate = new CfnTemplate(templates.get("Composite"));
  }

  private static String grantee(
      Stack stack, String id, IdempotencyTable table, boolean transactional) {
    Role role =
        Role.Builder.create(stack, id)
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .build();
    table.grantIdempotency(role, transactional);
    return CdkTest.logicalId(role);
  }

  @Test
  void table_defaultSchema_keysAndExpiresRecordsByTheLibrarysAttributeNames() {
    IdempotencyTableSchema schema = IdempotencyTableSchema.defaults();
    Object p = at(defaultsTemplate.only("AWS::DynamoDB::Table"), "Properties");

    assertThat(at(p, "KeySchema"))
        .isEqualTo(List.of(Map.of("AttributeName", schema.partitionKey(), "KeyType", "HASH")));
    assertThat(at(p, "AttributeDefinitions"))
        .isEqualTo(List.of(Map.of("AttributeName", "id", "AttributeType", "S")));
    assertThat(at(p, "TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", schema.expiration(), "Enabled", true));
    assertThat(schema.expiration()).isEqualTo("expiration");
  }

  @Test
  void table_defaults_isOnDemandRecoverableAndEncryptedWithTheAwsManagedKey() {
    Map<String, Object> resource = defaultsTemplate.only("AWS::DynamoDB::Table");

    assertThat(at(resource, "Properties", "BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(at(resource, "Properties", "PointInTimeRecoverySpecification"))
        .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
    assertThat(at(resource, "Properties", "SSESpecification"))
        .isEqualTo(Map.of("SSEEnabled", true));
    assertThat(at(resource, "Properties", "DeletionProtectionEnabled")).isEqualTo(false);
    assertThat(resource.get("DeletionPolicy")).isEqualTo("Delete");
  }

  @Test
  void grantIdempotency_notTransactional_grantsTheFourRecordActionsOnTheTableOnly() {
    assertThat(defaultsTemplate.statementsOfRole(plainRole))
        .containsExactly(
            allow(
                List.of(
                    "dynamodb:DeleteItem",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem"),
                Map.of("Fn::GetAtt", List.of(table, "Arn"))));
  }

  @Test
  void grantIdempotency_transactional_addsConditionCheckItemOnly() {
    assertThat(defaultsTemplate.statementsOfRole(transactionalRole))
        .containsExactly(
            allow(
                List.of(
                    "dynamodb:ConditionCheckItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem"),
                Map.of("Fn::GetAtt", List.of(table, "Arn"))));
  }

  @Test
  void table_customerKey_encryptsWithItAndGrantsItsUseForRecordsOnly() {
    Object p = at(customerKeyTemplate.only("AWS::DynamoDB::Table"), "Properties");
    Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(key, "Arn"));

    assertThat(at(p, "SSESpecification"))
        .isEqualTo(Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", keyArn));
    assertThat(customerKeyTemplate.statementsOfRole(keyRole))
        .contains(allow(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"), keyArn))
        .hasSize(2);
  }

  @Test
  void table_compositeSchemaAndSettings_usesTheSortKeyNameAndProtection() {
    Map<String, Object> resource = compositeTemplate.only("AWS::DynamoDB::Table");

    assertThat(at(resource, "Properties", "KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                Map.of("AttributeName", "sk", "KeyType", "RANGE")));
    assertThat(at(resource, "Properties", "TableName")).isEqualTo("orders-idempotency");
    assertThat(at(resource, "Properties", "DeletionProtectionEnabled")).isEqualTo(true);
    assertThat(resource.get("DeletionPolicy")).isEqualTo("Retain");
  }

  @Test
  void nag_everyTableStack_reportsNoFinding() {
    CdkTest.assertNagClean(defaults);
    CdkTest.assertNagClean(customerKey);
    CdkTest.assertNagClean(composite);
  }

  private static Map<String, Object> allow(List<String> actions, Object resource) {
    return Map.of("Action", actions, "Effect", "Allow", "Resource", resource);
  }
}
