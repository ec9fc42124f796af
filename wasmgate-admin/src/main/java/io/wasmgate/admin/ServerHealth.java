package io.wasmgate.admin;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server's state: the lifecycle's own state, overridden to DRAINING while an operator has
 * failed health checks with {@code POST /healthcheck/fail} (as Envoy does).
 */
public final class ServerHealth {
  private final Supplier<ServerState> lifecycle;
  private volatile boolean healthCheckFailed;

  public ServerHealth(Supplier<ServerState> lifecycle) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
  }

  public ServerState state() {
    return healthCheckFailed ? ServerState.DRAINING : lifecycle.get();
  }

  public boolean healthCheckFailed() {
    return healthCheckFailed;
  }

  void failHealthCheck() {
    healthCheckFailed = true;
  }

  void passHealthCheck() {
    healthCheckFailed = false;
  }
}
