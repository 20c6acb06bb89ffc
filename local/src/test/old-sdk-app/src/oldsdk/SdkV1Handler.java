package oldsdk;

import com.amazonaws.AmazonClientException;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * A handler on SDK v1, which has no notion of AWS_ENDPOINT_URL, with a hard-coded region. It saves
 * an item and reads it back.
 */
public class SdkV1Handler implements RequestHandler<Map<String, String>, String> {

  private static final AmazonDynamoDB DYNAMO_DB =
      AmazonDynamoDBClientBuilder.standard().withRegion(Regions.AP_SOUTHEAST_2).build();

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    String id = input.get("id");
    String table = System.getenv("TABLE_NAME");
    try {
      DYNAMO_DB.putItem(table, Map.of("id", new AttributeValue(id), "sdk", new AttributeValue("v1")));
      String read =
          DYNAMO_DB.getItem(table, Map.of("id", new AttributeValue(id)), true)
              .getItem()
              .get("sdk")
              .getS();
      return "saved " + id + " read " + read;
    } catch (AmazonClientException e) {
      return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
