package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.functions.testkit.LocalCredentials;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith({DynamoDbLocalExtension.class, LocalCredentials.class})
class AwsClientsIT {

  @Test
  void dynamoDb_serviceEndpoint_reachesItWhileTheGeneralOneIsDown(DynamoDbLocal db)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AwsSettings settings =
        AwsSettings.fromEnv(
            new Env(
                Map.of(
                    "AWS_ENDPOINT_URL",
                    "http://127.0.0.1:" + closedPort,
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    db.endpoint().toString())));

    try (DynamoDbClient client = AwsClients.dynamoDb(settings)) {
      assertThat(client.listTables().sdkHttpResponse().isSuccessful()).isTrue();
    }
  }
}
