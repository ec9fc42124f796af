package io.wasmgate.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user name and password; {@link #toString()} never shows the password. */
public record Credentials(String username, String password) {
  public Credentials {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("registry username is empty");
    }
    if (password == null) {
      throw new IllegalArgumentException("registry password is missing for user " + username);
    }
  }

  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=<redacted>]";
  }
}
