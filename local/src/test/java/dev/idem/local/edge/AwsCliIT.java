package dev.idem.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.testing.LocalAccount;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The AWS CLI against the edge port with dummy credentials. Skipped, with a message, where no
 * {@code aws} is on the PATH ({@code .ci/run} installs Debian's awscli).
 */
@ExtendWith(LocalAwsExtension.class)
class AwsCliIT {

  private static final String TABLE = "aws-cli-it";
  private static final String QUEUE = "aws-cli-it-queue";
  private static final String RULE = "aws-cli-it-rule";

  private static String edge;

  @TempDir static Path home;

  @BeforeAll
  static void setUp(LocalAws aws) {
    assumeTrue(onPath("aws"), "AWS CLI (aws) is not on the PATH: install awscli to run AwsCliIT");
    edge = aws.edgeUrl().toString();
    aws.clients()
        .dynamoDb()
        .createTable(r ->
            r.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType("HASH").build()));
    aws.clients()
        .dynamoDb()
        .putItem(r -> r.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("cli-item"))));
    aws.clients().sqs().createQueue(r -> r.queueName(QUEUE));
    aws.clients().events().putRule(r -> r.name(RULE).eventPattern("{\"source\":[\"cli\"]}"));
  }

  @Test
  void dynamodbListTablesAndScan_throughEdge_seeTheTableAndItem() throws Exception {
    JsonNode tables = aws("dynamodb", "list-tables");
    JsonNode scan = aws("dynamodb", "scan", "--table-name", TABLE);

    assertThat(tables.path("TableNames").toString()).contains(TABLE);
    assertThat(scan.path("Count").asInt()).isEqualTo(1);
    assertThat(scan.at("/Items/0/id/S").asText()).isEqualTo("cli-item");
  }

  @Test
  void sqsListQueues_throughEdge_urlOnEdgePort() throws Exception {
    JsonNode queues = aws("sqs", "list-queues", "--queue-name-prefix", QUEUE);

    assertThat(queues.path("QueueUrls").get(0).asText()).isEqualTo(edge + "/000000000000/" + QUEUE);
  }

  @Test
  void eventsListRules_throughEdge_showsTheRule() throws Exception {
    JsonNode rules = aws("events", "list-rules", "--name-prefix", RULE);

    assertThat(rules.at("/Rules/0/Name").asText()).isEqualTo(RULE);
  }

  private static JsonNode aws(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("aws", "--endpoint-url", edge, "--output", "json"));
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    env.remove("AWS_PROFILE");
    env.remove("AWS_ENDPOINT_URL");
    Process process = builder.start();
    boolean done = process.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", command) + " did not finish in 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("aws %s: %s", String.join(" ", command), output).isZero();
    return new ObjectMapper().readTree(output);
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
