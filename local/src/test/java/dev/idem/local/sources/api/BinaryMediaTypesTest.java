package dev.idem.local.sources.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sources: AWS developer guide, "Binary media types for REST APIs in API Gateway" (wildcards such
 * as {@code *}/{@code *}); CloudFormation {@code AWS::ApiGateway::RestApi} and SAM {@code
 * AWS::Serverless::Api} {@code BinaryMediaTypes} ({@code ~1} stands for {@code /}).
 */
class BinaryMediaTypesTest {

  @ParameterizedTest
  @CsvSource({
    "image~1png, image/png, true",
    "image/png, image/png, true",
    "image/png, IMAGE/PNG; charset=x, true",
    "image/*, image/jpeg, true",
    "*~1*, application/json, true",
    "image/png, image/jpeg, false",
    "application/octet-stream, application/json, false"
  })
  void matches_contentType_asAwsMatchesBinaryMediaTypes(
      String configured, String contentType, boolean binary) {
    assertThat(new BinaryMediaTypes(List.of(configured)).matches(contentType)).isEqualTo(binary);
  }

  @ParameterizedTest
  @CsvSource(
      value = {"'' | image/png", "image/png | ''", "image/png | null"},
      delimiter = '|',
      nullValues = "null")
  void matches_noTypesOrNoContentType_isText(String configured, String contentType) {
    List<String> types = configured.isEmpty() ? List.of() : List.of(configured);

    assertThat(new BinaryMediaTypes(types).matches(contentType)).isFalse();
  }
}
