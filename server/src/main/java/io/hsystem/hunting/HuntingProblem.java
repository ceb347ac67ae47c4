package io.hsystem.hunting;

import io.hsystem.shared.ProblemType;

/** Problems of the hunting API. */
public enum HuntingProblem implements ProblemType {
  QUERY_SYNTAX("hunting.query_syntax", 400, "The query cannot be parsed"),
  QUERY_INVALID("hunting.query_invalid", 400, "The query does not fit the fields it names"),
  TEMPLATE_NOT_FOUND("hunting.template_not_found", 404, "No such hunting template"),
  TEMPLATE_NAME_TAKEN("hunting.template_name_taken", 409, "A template with this name exists"),
  TEMPLATE_BUILTIN("hunting.template_builtin", 409, "Built-in templates cannot be changed"),
  ATTACKER_IP_INVALID("hunting.attacker_ip_invalid", 400, "Not an IPv4 or IPv6 address");

  private final Spec spec;

  HuntingProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
