package dev.idem.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleApiTest {

  @Test
  void off_anyPathUnderTheConsole_404SayingTheConsoleIsOff() throws Exception {
    for (String path : new String[] {"/_idem/", "/_idem/api/overview", "/_idem/flows/x"}) {
      Response response = ConsoleApi.off().handle(new Request("GET", path, null, Map.of(), null));

      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(
              AwsJson.MAPPER
                  .readTree(new String(response.body(), StandardCharsets.UTF_8))
                  .path("error")
                  .asText())
          .isEqualTo("ConsoleOff");
    }
  }
}
