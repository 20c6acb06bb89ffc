/**
 * Functions run as Lambda runs them. {@link dev.idem.local.lambda.LambdaRuntime} keeps a {@link
 * dev.idem.local.lambda.FunctionPool} per {@link dev.idem.local.lambda.FunctionDefinition}; each
 * instance is a JVM process running AWS's runtime interface client against a Runtime API of its own
 * on loopback, serving one invocation at a time, on a JDK of the function's runtime ({@link
 * dev.idem.local.lambda.Jdks}, {@link dev.idem.local.lambda.RuntimeJdk}) with the class path of its
 * {@link dev.idem.local.code.FunctionCode}. Everything else invokes through the {@link
 * dev.idem.local.lambda.Invoker} seam; {@link dev.idem.local.lambda.LambdaApi} exposes it as the
 * Lambda Invoke API for the SDK and the AWS CLI.
 */
package dev.idem.local.lambda;
