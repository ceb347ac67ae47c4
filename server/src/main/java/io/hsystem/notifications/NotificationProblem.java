package io.hsystem.notifications;

import io.hsystem.shared.ProblemType;

/** Problems of the notification API. */
public enum NotificationProblem implements ProblemType {
  NOT_FOUND("notification.channel_not_found", 404, "No such notification channel"),
  DUPLICATE_NAME("notification.duplicate_name", 409, "A channel with this name exists"),
  SECRETS_UNREADABLE(
      "notification.secrets_unreadable",
      409,
      "The channel's stored secrets cannot be decrypted; enter them again"),
  TEST_FAILED("notification.test_failed", 502, "The test message could not be delivered");

  private final Spec spec;

  NotificationProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
