package dev.idem.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsHostsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dynamodb.us-east-1.amazonaws.com",
        "dynamodb.eu-west-1.amazonaws.com",
        "events.ap-southeast-2.amazonaws.com",
        "sqs.amazonaws.com",
        "DYNAMODB.EU-WEST-1.AMAZONAWS.COM",
        "dynamodb.eu-west-1.amazonaws.com.",
        "dynamodb.cn-north-1.amazonaws.com.cn",
        "dynamodb.us-east-1.api.aws",
        "bucket.s3.dualstack.eu-west-1.amazonaws.com"
      })
  void isAws_serviceEndpoints_true(String host) {
    assertThat(AwsHosts.isAws(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com",
        "amazonaws.com",
        "amazonaws.com.evil.example",
        "notamazonaws.com",
        "dynamodb.eu-west-1.amazonaws.co",
        "api.aws",
        "aws.amazon.com",
        "127.0.0.1",
        "bad_host.amazonaws.com",
        "-x.amazonaws.com",
        ""
      })
  void isAws_otherHosts_false(String host) {
    assertThat(AwsHosts.isAws(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
  void isLoopback_thisMachine_true(String host) {
    assertThat(AwsHosts.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "128.0.0.1", "localhost.example.com", "0.0.0.0", "::2"})
  void isLoopback_otherAddresses_false(String host) {
    assertThat(AwsHosts.isLoopback(host)).isFalse();
  }
}
