package dev.idem.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyRequestTest {

  @Test
  void parse_connectToAwsHost_tunnelWithHostAndPort() {
    ProxyRequest request =
        ProxyRequest.parse("CONNECT dynamodb.eu-west-1.amazonaws.com:443 HTTP/1.1");

    assertThat(request)
        .isEqualTo(new ProxyRequest("CONNECT", "dynamodb.eu-west-1.amazonaws.com", 443, true));
    assertThat(request.authority()).isEqualTo("dynamodb.eu-west-1.amazonaws.com:443");
  }

  @Test
  void parse_connectUpperCaseHostWithFinalDot_normalized() {
    assertThat(ProxyRequest.parse("CONNECT SQS.US-EAST-1.AMAZONAWS.COM.:443 HTTP/1.0").host())
        .isEqualTo("sqs.us-east-1.amazonaws.com");
  }

  @Test
  void parse_connectIpv6Literal_hostWithoutBrackets() {
    ProxyRequest request = ProxyRequest.parse("CONNECT [::1]:8443 HTTP/1.1");

    assertThat(request.host()).isEqualTo("::1");
    assertThat(request.authority()).isEqualTo("[::1]:8443");
  }

  @Test
  void parse_absoluteHttpUri_plainRequestOnPort80() {
    ProxyRequest request =
        ProxyRequest.parse("POST http://sqs.eu-west-1.amazonaws.com/?Action=ListQueues HTTP/1.1");

    assertThat(request)
        .isEqualTo(new ProxyRequest("POST", "sqs.eu-west-1.amazonaws.com", 80, false));
  }

  @Test
  void parse_absoluteHttpUriWithPort_thatPort() {
    assertThat(ProxyRequest.parse("GET http://127.0.0.1:4566/_idem/health HTTP/1.1").port())
        .isEqualTo(4566);
  }

  @Test
  void parse_originFormTarget_refusedNamingAbsoluteUri() {
    assertThatThrownBy(() -> ProxyRequest.parse("GET /path HTTP/1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute http:// URI")
        .hasMessageContaining("'/path'");
  }

  @Test
  void parse_httpsAbsoluteUri_refusedNamingConnect() {
    assertThatThrownBy(() -> ProxyRequest.parse("GET https://example.com/ HTTP/1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CONNECT for https");
  }

  @Test
  void parse_connectWithoutPort_refused() {
    assertThatThrownBy(() -> ProxyRequest.parse("CONNECT example.com HTTP/1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CONNECT needs host:port, got 'example.com'");
  }

  @Test
  void parse_connectPortOutOfRange_refused() {
    assertThatThrownBy(() -> ProxyRequest.parse("CONNECT example.com:70000 HTTP/1.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a port: '70000'");
  }

  @Test
  void parse_notHttp_refusedQuotingTheLine() {
    assertThatThrownBy(() -> ProxyRequest.parse("\u0016\u0003\u0001 hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an HTTP/1.x request line");
  }
}
