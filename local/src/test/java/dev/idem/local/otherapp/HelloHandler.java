package dev.idem.local.otherapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code GET /hello/{name}}: greets with the {@code GREETING} variable, naming the jobs queue. */
public class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object name = ((Map<?, ?>) event.get("pathParameters")).get("name");
    String body =
        System.getenv("GREETING")
            + ", "
            + name
            + "! from "
            + context.getFunctionName()
            + ", jobs go to "
            + System.getenv("JOBS_QUEUE");
    return Map.of("statusCode", 200, "headers", Map.of("Content-Type", "text/plain"), "body", body);
  }
}
