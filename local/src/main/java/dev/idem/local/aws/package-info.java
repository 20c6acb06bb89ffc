/**
 * The AWS wire protocol that the edge and every emulated service speak, and nothing that runs: the
 * services the edge knows by their SigV4 signing name ({@link dev.idem.local.aws.AwsService}), a
 * request read as one AWS call ({@link dev.idem.local.aws.AwsCall}: service, operation, the
 * resources it names), the JSON protocol's answers and errors ({@link dev.idem.local.aws.AwsJson},
 * {@link dev.idem.local.aws.AwsError}, and {@link dev.idem.local.aws.AwsErrors} in each protocol's
 * shape), and the SDK clients of one AWS-compatible endpoint ({@link
 * dev.idem.local.aws.AwsClients}) through which provisioning, event sources and destinations talk
 * to the local edge or to LocalStack alike.
 */
package dev.idem.local.aws;
