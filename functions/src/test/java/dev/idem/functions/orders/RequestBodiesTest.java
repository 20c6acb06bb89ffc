package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.idem.functions.orders.RequestBodies.Text;
import dev.idem.functions.orders.RequestBodies.TooLarge;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {

  private static final int LIMIT = 16;

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "é", "€", "\uD83D\uDE00", "a\u00e9\u20ac\uD83D\uDE00z"})
  void utf8Length_validText_isTheEncodedLength(String text) {
    assertThat(RequestBodies.utf8Length(text))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void read_textOfExactlyTheLimit_readAsIs() {
    String body = "x".repeat(LIMIT);

    assertThat(RequestBodies.read(event(body, false), LIMIT)).isEqualTo(new Text(body));
  }

  @Test
  void read_textOneByteOverTheLimit_tooLarge() {
    assertThat(RequestBodies.read(event("x".repeat(LIMIT + 1), false), LIMIT))
        .isInstanceOf(TooLarge.class);
  }

  @Test
  void read_textWithinTheLimitInCharactersButNotInBytes_tooLarge() {
    String body = "é".repeat(LIMIT / 2 + 1);

    assertThat(body.length()).isLessThanOrEqualTo(LIMIT);
    assertThat(RequestBodies.read(event(body, false), LIMIT)).isInstanceOf(TooLarge.class);
  }

  @Test
  void read_base64OfExactlyTheLimit_decodedEvenThoughItsEncodingIsLonger() {
    String body = "y".repeat(LIMIT);
    String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));

    assertThat(encoded.length()).isGreaterThan(LIMIT);
    assertThat(RequestBodies.read(event(encoded, true), LIMIT)).isEqualTo(new Text(body));
  }

  @Test
  void read_base64DecodingToOneByteOverTheLimit_tooLarge() {
    String encoded = Base64.getMimeEncoder().encodeToString(new byte[LIMIT + 1]);

    assertThat(RequestBodies.read(event(encoded, true), LIMIT)).isInstanceOf(TooLarge.class);
  }

  @Test
  void read_noBodyOrNotBase64_noText() {
    assertThat(RequestBodies.read(event(null, false), LIMIT)).isEqualTo(new Text(null));
    assertThat(RequestBodies.read(event("a", true), LIMIT)).isEqualTo(new Text(null));
  }

  private static APIGatewayProxyRequestEvent event(String body, boolean base64) {
    return new APIGatewayProxyRequestEvent().withBody(body).withIsBase64Encoded(base64);
  }
}
