package dev.idem.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/**
 * The cdk-nag (AwsSolutions) findings these constructs accept by design, each with its reason. A
 * suppression names the rule and, where the rule reports several findings, the one it accepts.
 */
final class NagRules {

  private NagRules() {}

  /** A function's role and the function itself. */
  static void function(IConstruct function, IConstruct role, JavaRuntime runtime) {
    suppress(
        role,
        rule(
            "AwsSolutions-IAM5",
            "Resource * only for actions that have no resource-level permissions: X-Ray's"
                + " PutTraceSegments and PutTelemetryRecords (active tracing) and, for a stream"
                + " consumer, dynamodb:ListStreams; every other statement names its resources",
            "Resource::*"));
    if (runtime == JavaRuntime.JAVA_21) {
      suppress(
          function,
          rule(
              "AwsSolutions-L1",
              "java21 is a supported LTS runtime and the level the functions are compiled for"
                  + " (--release 21), as template.yaml deploys them; java25 is one setting away"
                  + " (JavaRuntime.JAVA_25)"));
    }
  }

  /** A queue that is itself a dead-letter queue. */
  static void deadLetterQueue(IConstruct queue) {
    suppress(
        queue,
        rule(
            "AwsSolutions-SQS3",
            "This queue is a dead-letter queue (of a queue's redrive, a Lambda on-failure"
                + " destination or EventBridge targets); a dead-letter queue of its own would only"
                + " move the messages again. Its depth alarm reports the first message"));
  }

  /** The orders API: its stage, methods and API Gateway's logging role. */
  static void api(IConstruct api) {
    suppress(
        api,
        rule(
            "AwsSolutions-APIG3",
            "No WAF web ACL by default: one costs $5 a month plus $1 per rule before any request,"
                + " more than the rest of the idle stack; stage throttling and request validation"
                + " bound abuse. Associate an ACL (CfnWebACLAssociation) where the API faces the"
                + " internet in production"),
        rule(
            "AwsSolutions-APIG4",
            "The reference API is open, as template.yaml's is: it shows idempotent order"
                + " placement, not identity; requests are keyed by Idempotency-Key and throttled."
                + " A deployment for real customers adds an authorizer (Cognito or IAM)"),
        rule(
            "AwsSolutions-COG4",
            "Same as AwsSolutions-APIG4: no Cognito user pool authorizer on the reference API"),
        rule(
            "AwsSolutions-IAM4",
            "AmazonAPIGatewayPushToCloudWatchLogs is the AWS-managed policy made for API"
                + " Gateway's account-wide logging role, which a stage with logging needs; it is"
                + " the role template.yaml declares",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                + "AmazonAPIGatewayPushToCloudWatchLogs"));
  }

  static NagPackSuppression rule(String id, String reason, String... appliesTo) {
    NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo.length > 0) {
      builder.appliesTo(List.of((Object[]) appliesTo));
    }
    return builder.build();
  }

  static void suppress(IConstruct construct, NagPackSuppression... rules) {
    NagSuppressions.addResourceSuppressions(construct, List.of(rules), true);
  }
}
