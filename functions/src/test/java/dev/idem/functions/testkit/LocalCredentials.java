package dev.idem.functions.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Dummy credentials for the SDK's default chain (the {@code aws.accessKeyId} and {@code
 * aws.secretAccessKey} system properties) while a test class builds handlers as Lambda does, from
 * an environment; DynamoDB Local keeps tables per access key, so the chain must find the tests'.
 */
public final class LocalCredentials implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
