package dev.idem.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.aws.AwsJson;
import dev.idem.local.http.Request;
import dev.idem.local.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Test
  void parameters_knownOnesDecoded_unknownOrRepeatedOrBadNumbersRefused() {
    Map<String, String> given =
        ConsoleApi.parameters("limit=5&key=a%2Fb+c", List.of("limit", "key"));

    assertThat(given).containsEntry("limit", "5").containsEntry("key", "a/b c");
    assertThat(ConsoleApi.number(given, "limit", 50, 1, 10)).isEqualTo(5);
    assertThat(ConsoleApi.number(Map.of(), "limit", 50, 1, 100)).isEqualTo(50);
    assertThatThrownBy(() -> ConsoleApi.parameters("size=1", List.of("limit")))
        .hasMessage("Unknown parameter size; use limit");
    assertThatThrownBy(() -> ConsoleApi.parameters("limit=1&limit=2", List.of("limit")))
        .hasMessage("Parameter limit is given twice");
    assertThatThrownBy(() -> ConsoleApi.number(Map.of("limit", "11"), "limit", 5, 1, 10))
        .hasMessage("limit must be a whole number from 1 to 10, was 11");
    assertThatThrownBy(() -> ConsoleApi.parameters("limit=%zz", List.of("limit")))
        .isInstanceOf(ConsoleApi.BadParameter.class);
  }
}
