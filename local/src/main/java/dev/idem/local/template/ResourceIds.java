package dev.idem.local.template;

/**
 * The physical identities of a template's resources, as {@code Ref} and {@code Fn::GetAtt} see
 * them: a table's name and ARNs, a queue's URL and ARN, a function's name and ARN.
 *
 * <p>{@link PhysicalIds} predicts them from the template (names, ARNs in account {@code
 * 000000000000}, region {@code us-east-1}); the provisioner overrides them with what the backends
 * report (a queue's real URL, a table's real stream ARN).
 */
public interface ResourceIds {

  /**
   * What {@code Ref} of the resource returns.
   *
   * @throws TemplateException when the template has no such resource
   */
  String ref(String logicalId);

  /**
   * What {@code Fn::GetAtt} of the resource's attribute returns.
   *
   * @throws TemplateException when the resource or, for an emulated type, the attribute is unknown
   */
  String getAtt(String logicalId, String attribute);
}
