package dev.idem.testing;

import software.amazon.awssdk.regions.Region;

/**
 * The region and account that everything local answers as: the servers of this module, the local
 * cloud (its ARNs, queue URLs, pseudo parameters and functions' {@code AWS_REGION}) and the tests
 * that check them. AWS's documentation uses the same all-zero account id for examples; nothing real
 * has it.
 *
 * {@snippet :
 * String arn = "arn:aws:sqs:" + LocalAccount.REGION + ":" + LocalAccount.ID + ":orders";
 * }
 */
public final class LocalAccount {

  /** The region: {@code us-east-1}. */
  public static final String REGION = "us-east-1";

  /** The same region as the SDK names it, for clients. */
  public static final Region SDK_REGION = Region.of(REGION);

  /** The account id: twelve zeros. */
  public static final String ID = "000000000000";

  private LocalAccount() {}

  /** {@code arn:aws:<service>:us-east-1:000000000000:<resource>}. */
  public static String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + REGION + ":" + ID + ":" + resource;
  }
}
