package io.wasmgate.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Server lifecycle endpoints: /ready, /server_info, /quitquitquit, /healthcheck/{fail,ok}. */
final class ServerHandlers {
  private final ServerHealth health;
  private final String version;
  private final Map<String, Object> commandLineOptions;
  private final Instant started;
  private final Runnable onQuit;

  ServerHandlers(ServerHealth health, String version, Map<String, Object> commandLineOptions,
      Instant started, Runnable onQuit) {
    this.health = health;
    this.version = version;
    this.commandLineOptions = commandLineOptions;
    this.started = started;
    this.onQuit = onQuit;
  }

  List<AdminEndpoint> endpoints() {
    return List.of(
        AdminEndpoint.get("/ready", "print server state, return 200 if LIVE, otherwise 503", this::ready),
        AdminEndpoint.get("/server_info", "print server version, state, uptime and options", this::serverInfo),
        AdminEndpoint.post("/quitquitquit", "exit the server", this::quit),
        AdminEndpoint.post("/healthcheck/fail", "cause the server to fail health checks", this::fail),
        AdminEndpoint.post("/healthcheck/ok", "cause the server to pass health checks", this::ok));
  }

  private AdminResponse ready(AdminRequest request) {
    ServerState state = health.state();
    return AdminResponse.text(state == ServerState.LIVE ? 200 : 503, state.name() + "\n");
  }

  private AdminResponse serverInfo(AdminRequest request) {
    String uptime = Duration.between(started, Instant.now()).toSeconds() + "s";
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", version);
    info.put("state", health.state().name());
    info.put("uptime_current_epoch", uptime);
    info.put("uptime_all_epochs", uptime);
    info.put("command_line_options", commandLineOptions);
    return AdminResponse.json(AdminJson.write(info));
  }

  private AdminResponse quit(AdminRequest request) {
    // Runs on its own thread after the reply is out: the hook may close this very server.
    return AdminResponse.text(200, "OK\n")
        .thenRun(() -> new Thread(onQuit, "wasmgate-quitquitquit").start());
  }

  private AdminResponse fail(AdminRequest request) {
    health.failHealthCheck();
    return AdminResponse.text(200, "OK\n");
  }

  private AdminResponse ok(AdminRequest request) {
    health.passHealthCheck();
    return AdminResponse.text(200, "OK\n");
  }
}
