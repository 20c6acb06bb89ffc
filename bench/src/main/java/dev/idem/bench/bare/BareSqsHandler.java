package dev.idem.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/** An SQS batch handler that makes one {@link BareCall} and reports no failures. */
public final class BareSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final BareCall call = BareCall.fromEnv(System.getenv());

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    call.run(null);
    return new SQSBatchResponse(List.of());
  }
}
