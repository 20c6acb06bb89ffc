package dev.idem.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;

/** A DynamoDB stream handler that makes one {@link BareCall} and reports no failures. */
public final class BareStreamHandler
    implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private final BareCall call = BareCall.fromEnv(System.getenv());

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    call.run(null);
    return new StreamsEventResponse(List.of());
  }
}
