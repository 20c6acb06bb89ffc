package dev.idem.local.otherapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/** The jobs queue's consumer: prints {@code worked on <body>} for every message. */
public class JobWorker implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    for (Object record : (List<?>) event.get("Records")) {
      System.out.println("worked on " + ((Map<?, ?>) record).get("body"));
    }
    return Map.of("batchItemFailures", List.of());
  }
}
