package dev.idem.local.sources.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.http.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Lambda proxy responses API Gateway (REST) accepts. Sources: LocalStack's AWS-validated
 * tests in {@code tests/aws/services/apigateway/test_apigateway_lambda.py}, {@code
 * test_aws_proxy_response_payload_format_validation} and {@code
 * test_lambda_aws_proxy_response_format} (the statuses they assert against AWS), and the AWS
 * developer guide, "Output format of a Lambda function for proxy integration".
 */
class ProxyResponsesTest {

  private static final BinaryMediaTypes NONE = BinaryMediaTypes.NONE;

  @Test
  void map_onlyStatusCode_answersItWithAnEmptyBody() {
    Response response = map("{\"statusCode\":200}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void map_emptyObject_answers200WithAnEmptyBody() {
    // test_lambda_aws_proxy_response_format, "empty-response": {} answers 200 and no content.
    Response response = map("{}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void map_onlyHeaders_answers200WithThem() {
    // invoke-api-only-headers
    Response response = map("{\"headers\":{\"test-header\":\"value\"}}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("test-header")).containsExactly("value");
  }

  @Test
  void map_nullHeadersAndBody_areAccepted() {
    // invoke-api-with-headers-null
    Response response =
        map("{\"statusCode\":200,\"headers\":null,\"multiValueHeaders\":null,\"body\":null}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void map_statusCodeAsNumericString_answersThatStatus() {
    // invoke-api-status-code-str: {"statusCode": "201"} answers 201.
    assertThat(map("{\"statusCode\":\"201\"}").status()).isEqualTo(201);
  }

  @Test
  void map_noContentType_defaultsToJson() {
    Response response = map("{\"statusCode\":204}");

    assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"statusCode\":200,\"wrongValue\":\"value\"}", // invoke-api-wrong-format
        "{\"statusCode\":\"test\"}", // invoke-api-invalid-status-code
        "\"justAString\"", // invoke-api-just-string
        "[]",
        "null",
        "not json",
        "",
        "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi-invalid\":\"value1\"}}",
        "{\"statusCode\":200,\"headers\":\"X-A: 1\"}",
        "{\"statusCode\":200,\"headers\":{\"X-Count\":3}}",
        "{\"statusCode\":200,\"body\":{\"not\":\"a string\"}}"
      })
  void map_malformedProxyResponse_answers502InternalServerError(String answer) {
    ProxyResponses.Mapped mapped = ProxyResponses.map(answer.getBytes(UTF_8), NONE, null);

    assertThat(mapped.response().status()).isEqualTo(502);
    assertThat(mapped.response().bodyText()).isEqualTo("{\"message\":\"Internal server error\"}");
    assertThat(mapped.outcome()).startsWith("502 malformed proxy response");
  }

  @Test
  void map_booleanHeaderValue_isSentAsText() {
    // invoke-api-with-headers: {"header-bool": true} is accepted.
    Response response = map("{\"statusCode\":200,\"headers\":{\"header-bool\":true}}");

    assertThat(response.headers().get("header-bool")).containsExactly("true");
  }

  @Test
  void map_multiValueHeaders_sendsEveryValue() {
    // invoke-api-multi-headers-valid
    Response response =
        map("{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value1\",\"value2\"]}}");

    assertThat(response.headers().get("test-multi")).containsExactly("value1", "value2");
  }

  @Test
  void map_sameHeaderInBothMaps_onlyTheMultiValueValuesAreSent() {
    // invoke-api-multi-headers-overwrite; the guide: "If the same key-value pair is specified in
    // both, only the values from multiValueHeaders will appear in the merged list."
    Response response =
        map(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\",\"other\":\"kept\"}}");

    assertThat(response.headers().get("test-multi")).containsExactly("value-multi");
    assertThat(response.headers().get("other")).containsExactly("kept");
  }

  @Test
  void map_sameHeaderInOtherCase_theMultiValueNameAndValuesWin() {
    // invoke-api-multi-headers-overwrite-casing
    Response response =
        map(
            "{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
                + "\"headers\":{\"test-multi\":\"value-solo\"}}");

    assertThat(response.headers()).containsKey("tesT-Multi").doesNotContainKey("test-multi");
    assertThat(response.headers().get("tesT-Multi")).containsExactly("value-multi");
  }

  @Test
  void map_headerNames_keepTheFunctionsCase() {
    Response response = map("{\"statusCode\":201,\"headers\":{\"location\":\"/orders/1\"}}");

    assertThat(response.headers()).containsKey("location");
  }

  @Test
  void map_base64WithoutBinaryMediaTypes_sendsTheBase64TextAsIs() {
    // invoke-api-b64-encoded-true on an API without binaryMediaTypes; the guide, "Binary media
    // types for REST APIs": binary responses need the API's binaryMediaTypes.
    Response response =
        map("{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true}");

    assertThat(response.bodyText()).isEqualTo("dGVzdC1kYXRh");
  }

  @Test
  void map_base64AndAcceptMatchingBinaryMediaType_decodesTheBody() {
    // The guide: "API Gateway uses the first Accept header from clients to determine if a
    // response should return binary media."
    BinaryMediaTypes types = new BinaryMediaTypes(List.of("image/png"));
    String answer = "{\"statusCode\":200,\"body\":\"AAH+/w==\",\"isBase64Encoded\":true}";

    Response response =
        ProxyResponses.map(answer.getBytes(UTF_8), types, "image/png, */*").response();

    assertThat(response.body()).containsExactly(0, 1, 0xfe, 0xff);
  }

  @Test
  void map_base64AndAcceptNotMatchingBinaryMediaType_sendsTheBase64Text() {
    BinaryMediaTypes types = new BinaryMediaTypes(List.of("image/png"));
    String answer = "{\"statusCode\":200,\"body\":\"AAH+/w==\",\"isBase64Encoded\":true}";

    Response response =
        ProxyResponses.map(answer.getBytes(UTF_8), types, "*/*, image/png").response();

    assertThat(response.bodyText()).isEqualTo("AAH+/w==");
  }

  @Test
  void map_base64ToDecodeThatIsNotBase64_answers500() {
    // The guide, "Gateway response types for API Gateway": API_CONFIGURATION_ERROR (500) covers
    // "when base64 decoding fails on binary data when binary support is enacted".
    BinaryMediaTypes types = new BinaryMediaTypes(List.of("image/png"));
    String answer = "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}";

    ProxyResponses.Mapped mapped = ProxyResponses.map(answer.getBytes(UTF_8), types, "image/png");

    assertThat(mapped.response().status()).isEqualTo(500);
    assertThat(mapped.response().bodyText()).isEqualTo("{\"message\":\"Internal server error\"}");
  }

  @Test
  void map_base64FlagFalse_sendsTheBodyAsIs() {
    // invoke-api-b64-encoded-false
    Response response = map("{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\"}");

    assertThat(response.bodyText()).isEqualTo("dGVzdC1kYXRh");
  }

  private static Response map(String answer) {
    return ProxyResponses.map(answer.getBytes(UTF_8), NONE, null).response();
  }
}
