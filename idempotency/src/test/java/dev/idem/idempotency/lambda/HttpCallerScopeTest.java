package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpCallerScopeTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final BothFormats http = BothFormats.of(Fixtures.idempotency(store));
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void handle_sameKeyFromTwoPrincipals_runsForEachAndNeverSharesResponses() {
    APIGatewayProxyResponseEvent alice = http.handle(restAs("alice"), context, this::restCreated);
    APIGatewayProxyResponseEvent bob = http.handle(restAs("bob"), context, this::restCreated);
    APIGatewayProxyResponseEvent aliceAgain =
        http.handle(restAs("alice"), context, this::restCreated);

    assertThat(runs).hasValue(2);
    assertThat(bob.getBody()).isNotEqualTo(alice.getBody());
    assertThat(aliceAgain.getBody()).isEqualTo(alice.getBody());
  }

  @Test
  void handle_sameKeyFromTwoJwtSubjects_runsForEach() {
    http.handle(httpApiAs("sub-a"), context, this::httpCreated);
    http.handle(httpApiAs("sub-b"), context, this::httpCreated);

    APIGatewayV2HTTPResponse replay = http.handle(httpApiAs("sub-a"), context, this::httpCreated);

    assertThat(runs).hasValue(2);
    assertThat(replay.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void handle_callerFromOverride_scopesByTheGivenValue() {
    var byTenant =
        HttpIdempotency.restApiBuilder(Fixtures.idempotency(store))
            .callerFrom(request -> request.getHeaders().get("X-Tenant"))
            .build();

    byTenant.handle(withTenant("t1"), context, this::restCreated);
    byTenant.handle(withTenant("t2"), context, this::restCreated);
    byTenant.handle(withTenant("t1"), context, this::restCreated);

    assertThat(runs).hasValue(2);
  }

  @Test
  void handle_callerFromOnAnHttpApi_scopesByTheGivenValue() {
    var unscoped =
        HttpIdempotency.httpApiBuilder(Fixtures.idempotency(store))
            .callerFrom(request -> null)
            .build();

    unscoped.handle(httpApiAs("sub-a"), context, this::httpCreated);
    APIGatewayV2HTTPResponse other =
        unscoped.handle(httpApiAs("sub-b"), context, this::httpCreated);

    assertThat(runs).hasValue(1);
    assertThat(other.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void caller_restAuthorizerPrincipal_winsOverIdentity() {
    APIGatewayProxyRequestEvent request = restAs("alice");
    request.getRequestContext().setIdentity(new RequestIdentity().withUserArn("arn:aws:iam::1:u"));

    assertThat(RestApiEvents.caller(request)).isEqualTo("principal:alice");
  }

  @Test
  void caller_restCognitoAuthorizerClaims_useTheSubject() {
    APIGatewayProxyRequestEvent request =
        restWithAuthorizer(Map.of("claims", Map.of("sub", "s-1")));

    assertThat(RestApiEvents.caller(request)).isEqualTo("sub:s-1");
  }

  @Test
  void caller_restIdentityOnly_usesCognitoIdentityThenUserArnThenApiKey() {
    APIGatewayProxyRequestEvent request = restWithAuthorizer(null);

    request.getRequestContext().setIdentity(identity("us-east-1:c-1", "arn:aws:iam::1:u", "k-1"));
    String cognito = RestApiEvents.caller(request);
    request.getRequestContext().setIdentity(identity(null, "arn:aws:iam::1:u", "k-1"));
    String iam = RestApiEvents.caller(request);
    request.getRequestContext().setIdentity(identity(null, null, "k-1"));
    String apiKey = RestApiEvents.caller(request);
    request.getRequestContext().setIdentity(identity(null, null, null));
    String nobody = RestApiEvents.caller(request);

    assertThat(cognito).isEqualTo("cognito:us-east-1:c-1");
    assertThat(iam).isEqualTo("iam:arn:aws:iam::1:u");
    assertThat(apiKey).isEqualTo("apikey:k-1");
    assertThat(nobody).isNull();
  }

  @Test
  void caller_httpApiIamAuthorizer_usesTheUserArn() {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    RequestContext.IAM iam = new RequestContext.IAM();
    iam.setUserArn("arn:aws:sts::1:assumed-role/r/s");
    request.getRequestContext().setAuthorizer(new RequestContext.Authorizer(null, null, iam));

    assertThat(HttpApiEvents.caller(request)).isEqualTo("iam:arn:aws:sts::1:assumed-role/r/s");
  }

  @Test
  void caller_noRequestContext_isUnknown() {
    APIGatewayProxyRequestEvent rest = Fixtures.restRequest();
    rest.setRequestContext(null);
    APIGatewayV2HTTPEvent httpApi = Fixtures.httpApiRequest();
    httpApi.setRequestContext(null);

    assertThat(RestApiEvents.caller(rest)).isNull();
    assertThat(HttpApiEvents.caller(httpApi)).isNull();
  }

  private static APIGatewayProxyRequestEvent restAs(String principal) {
    return restWithAuthorizer(Map.of("principalId", principal));
  }

  private static APIGatewayProxyRequestEvent restWithAuthorizer(Map<String, Object> authorizer) {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest();
    request.getRequestContext().setAuthorizer(authorizer);
    return request;
  }

  private static APIGatewayProxyRequestEvent withTenant(String tenant) {
    APIGatewayProxyRequestEvent request = Fixtures.restRequest();
    Map<String, String> headers = new HashMap<>(request.getHeaders());
    headers.put("X-Tenant", tenant);
    return request.withHeaders(headers);
  }

  private static RequestIdentity identity(String cognitoId, String userArn, String apiKey) {
    return new RequestIdentity()
        .withCognitoIdentityId(cognitoId)
        .withUserArn(userArn)
        .withApiKey(apiKey);
  }

  private static APIGatewayV2HTTPEvent httpApiAs(String subject) {
    APIGatewayV2HTTPEvent request = Fixtures.httpApiRequest();
    request.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", subject));
    return request;
  }

  private APIGatewayProxyResponseEvent restCreated(APIGatewayProxyRequestEvent request) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(201)
        .withBody("{\"run\":" + runs.incrementAndGet() + "}");
  }

  private APIGatewayV2HTTPResponse httpCreated(APIGatewayV2HTTPEvent request) {
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(201);
    response.setBody("{\"run\":" + runs.incrementAndGet() + "}");
    return response;
  }
}
