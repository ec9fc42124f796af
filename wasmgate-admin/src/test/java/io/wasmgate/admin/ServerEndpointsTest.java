package io.wasmgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasmgate.observability.StatsStore;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServerEndpointsTest {
  private final AtomicReference<ServerState> lifecycle = new AtomicReference<>(ServerState.LIVE);
  private final CountDownLatch quit = new CountDownLatch(1);
  private AdminServer server;
  private AdminClient admin;

  @BeforeEach
  void start() throws Exception {
    server = AdminServer.builder()
        .address("127.0.0.1", 0)
        .stats(new StatsStore())
        .readiness(lifecycle::get)
        .version("0.1.0-test")
        .commandLineOptions(Map.of("config", "gateway.yaml"))
        .onQuit(quit::countDown)
        .build()
        .start();
    admin = new AdminClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readyIsLiveWith200AndOtherStatesWith503() throws Exception {
    assertThat(admin.get("/ready")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("LIVE\n");
    });

    lifecycle.set(ServerState.PRE_INITIALIZING);
    HttpResponse<String> starting = admin.get("/ready");

    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).isEqualTo("PRE_INITIALIZING\n");
  }

  @Test
  void failingHealthChecksDrainsUntilOk() throws Exception {
    assertThat(admin.post("/healthcheck/fail").statusCode()).isEqualTo(200);
    assertThat(admin.get("/ready").body()).isEqualTo("DRAINING\n");
    assertThat(admin.get("/ready").statusCode()).isEqualTo(503);
    assertThat(server.health().healthCheckFailed()).isTrue();

    assertThat(admin.post("/healthcheck/ok").statusCode()).isEqualTo(200);
    assertThat(admin.get("/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void mutationsRequirePost() throws Exception {
    for (String path : new String[] {"/healthcheck/fail", "/healthcheck/ok", "/quitquitquit"}) {
      HttpResponse<String> r = admin.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(405);
      assertThat(r.body()).as(path).isEqualTo("Method GET not allowed, POST required.\n");
    }
    assertThat(server.health().healthCheckFailed()).isFalse();
    assertThat(quit.getCount()).isEqualTo(1);
  }

  @Test
  void serverInfoReportsVersionStateUptimeAndOptions() throws Exception {
    HttpResponse<String> r = admin.get("/server_info");

    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode info = new JsonMapper().readTree(r.body());
    assertThat(info.get("version").asString()).isEqualTo("0.1.0-test");
    assertThat(info.get("state").asString()).isEqualTo("LIVE");
    assertThat(info.get("uptime_current_epoch").asString()).matches("\\d+s");
    assertThat(info.get("command_line_options").get("config").asString()).isEqualTo("gateway.yaml");
  }

  @Test
  void quitquitquitAnswersThenCallsTheShutdownHook() throws Exception {
    HttpResponse<String> r = admin.post("/quitquitquit");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("OK\n");
    assertThat(quit.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void helpListsEveryEndpointWithItsMethods() throws Exception {
    String help = admin.get("/help").body();

    assertThat(help).startsWith("admin commands are:\n")
        .contains("  /ready (GET): ", "  /server_info (GET): ", "  /quitquitquit (POST): ",
            "  /healthcheck/fail (POST): ", "  /healthcheck/ok (POST): ", "  /logging (GET, POST): ",
            "  /stats (GET): ", "  /stats/prometheus (GET): ", "  /config_dump (GET): ", "  /help (GET): ")
        // no PluginAdmin was given, so plugin management is not offered
        .doesNotContain("wasmplugins");
  }

  @Test
  void unknownPathIs404WithTheHelpListing() throws Exception {
    HttpResponse<String> r = admin.get("/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).startsWith("invalid path: /nope\nadmin commands are:\n").contains("/ready");
  }
}
