package oldsdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLConnection;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A handler as many published samples write it: SDK v2 from before 2.28 (it ignores
 * AWS_ENDPOINT_URL), clients built once with a hard-coded region and the default HTTP client
 * (Apache), nothing configured for a local endpoint. It saves an item, reads it back and announces
 * it on the bus (or, given {@code send}, sends it to its queue with SQS's query protocol, which SDK
 * v2 used before 2.21); an AWS error is returned as text so the caller sees it. Given a {@code url}
 * instead, it fetches it with the JDK's {@code URLConnection}; given a {@code connect} host, it
 * opens a socket to its port 443 itself, as a client that ignores the JVM's proxy settings would
 * (SDK v2's Netty client without a proxy configuration); either way it says what happened.
 */
public class OldSdkV2Handler implements RequestHandler<Map<String, String>, String> {

  private static final DynamoDbClient DYNAMO_DB =
      DynamoDbClient.builder().region(Region.EU_WEST_1).build();
  private static final EventBridgeClient EVENTS =
      EventBridgeClient.builder().region(Region.EU_WEST_1).build();
  private static final SqsClient SQS = SqsClient.builder().region(Region.EU_WEST_1).build();

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    if (input.containsKey("url")) {
      return fetch(input.get("url"));
    }
    if (input.containsKey("connect")) {
      return connect(input.get("connect"));
    }
    if (input.containsKey("send")) {
      return "sent " + SQS.sendMessage(r -> r.queueUrl(System.getenv("QUEUE_URL"))
              .messageBody(input.get("send")))
          .messageId();
    }
    String id = input.get("id");
    String table = System.getenv("TABLE_NAME");
    try {
      DYNAMO_DB.putItem(
          r -> r.tableName(table)
              .item(Map.of(
                  "id", AttributeValue.builder().s(id).build(),
                  "sdk", AttributeValue.builder().s("v2").build())));
      String read =
          DYNAMO_DB.getItem(r -> r.tableName(table)
                  .key(Map.of("id", AttributeValue.builder().s(id).build()))
                  .consistentRead(true))
              .item()
              .get("sdk")
              .s();
      int failed =
          EVENTS.putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                  .eventBusName(System.getenv("BUS_NAME"))
                  .source("old-sdk.app")
                  .detailType("ItemSaved")
                  .detail("{\"id\":\"" + id + "\"}")
                  .build()))
              .failedEntryCount();
      return "saved " + id + " read " + read + " failed events " + failed;
    } catch (AwsServiceException e) {
      return "error " + e.awsErrorDetails().errorCode() + " " + e.statusCode();
    } catch (SdkException e) {
      return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String connect(String host) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, 443), 5_000);
      return "connected to " + socket.getInetAddress();
    } catch (IOException e) {
      return "connect failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String fetch(String url) {
    try {
      URLConnection connection = URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(5_000);
      try (InputStream in = connection.getInputStream()) {
        return "fetched " + in.readAllBytes().length + " bytes";
      }
    } catch (IOException e) {
      return "fetch failed: " + e.getMessage();
    }
  }
}
