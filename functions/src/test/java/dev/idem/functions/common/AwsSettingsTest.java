package dev.idem.functions.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

  @Test
  void fromEnv_serviceEndpoint_winsOverTheGeneralOne() {
    AwsSettings settings =
        AwsSettings.fromEnv(
            new Env(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")));

    assertThat(settings.endpointOverride(AwsSettings.DYNAMODB))
        .contains(URI.create("http://127.0.0.1:8000"));
    assertThat(settings.endpointOverride(AwsSettings.EVENTBRIDGE))
        .contains(URI.create("http://127.0.0.1:4566"));
  }

  @Test
  void fromEnv_onlyAServiceEndpoint_leavesTheOthersOnAws() {
    AwsSettings settings =
        AwsSettings.fromEnv(
            new Env(Map.of("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:4566")));

    assertThat(settings.endpointOverride(AwsSettings.EVENTBRIDGE))
        .contains(URI.create("http://127.0.0.1:4566"));
    assertThat(settings.endpointOverride(AwsSettings.DYNAMODB)).isEmpty();
  }

  @Test
  void fromEnv_ignoreConfiguredEndpoints_hasNoOverrides() {
    AwsSettings settings =
        AwsSettings.fromEnv(
            new Env(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                    "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
                    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));

    assertThat(settings.endpointOverride(AwsSettings.DYNAMODB)).isEmpty();
    assertThat(settings.endpointOverride(AwsSettings.EVENTBRIDGE)).isEmpty();
  }

  @Test
  void fromEnv_serviceEndpointNotAUrl_namesTheVariable() {
    Env env = new Env(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "localhost:8000"));

    assertThatThrownBy(() -> AwsSettings.fromEnv(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_DYNAMODB");
  }
}
