package io.wasmgate.admin;

/**
 * What an admin handler answers.
 *
 * @param afterSent runs once the response has been written (e.g. shutting down), or null
 */
public record AdminResponse(int status, String contentType, String body, Runnable afterSent) {
  static final String TEXT = "text/plain; charset=UTF-8";
  static final String JSON = "application/json";

  public static AdminResponse text(int status, String body) {
    return new AdminResponse(status, TEXT, body, null);
  }

  public static AdminResponse json(String body) {
    return new AdminResponse(200, JSON, body, null);
  }

  AdminResponse thenRun(Runnable action) {
    return new AdminResponse(status, contentType, body, action);
  }
}
