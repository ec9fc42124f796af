package io.wasmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The default engine, tiered, on the tutorial's Go plugin with nothing compiled yet: the demo comes
 * up with the plugin on the interpreter while it compiles, then both workers move to the compiled
 * code, and every request on the way gets the plugin's answer.
 */
class TieredStartTest {
  @TempDir Path compiledCache;

  @Test
  void theGoPluginServesOnTheInterpreterThenMovesToCompiledCodeWithoutAFailedRequest() throws Exception {
    int gateway = GatewayProcess.freePort();
    int admin = GatewayProcess.freePort();
    int backend = GatewayProcess.freePort();
    try (GatewayProcess demo = GatewayProcess.startWithCompiledCache(compiledCache, "demo",
        "--gateway-port", String.valueOf(gateway), "--admin-port", String.valueOf(admin),
        "--backend-port", String.valueOf(backend))) {
      demo.awaitLine(l -> l.contains("wasmgate demo is ready"), Duration.ofSeconds(120));
      assertThat(demo.allOutput()).contains("in the background; its plugins run on the interpreter meanwhile");

      List<String> wrong = new ArrayList<>();
      int requests = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      String engine = engine(admin);
      while (!engine.equals("compiler") && System.nanoTime() < deadline) {
        HttpResponse<String> denied = Http.get(gateway, "/status/418");
        HttpResponse<String> allowed = Http.get(gateway, "/status/418", "allow", "true");
        requests += 2;
        if (denied.statusCode() != 403 || !denied.body().equals("Forbidden by ASM Wasm Plugin")) {
          wrong.add("without allow (engine " + engine + "): " + denied.statusCode() + " " + denied.body());
        }
        if (allowed.statusCode() != 418) {
          wrong.add("with allow (engine " + engine + "): " + allowed.statusCode() + " " + allowed.body());
        }
        engine = engine(admin);
      }

      assertThat(engine).as("the engine after %d requests", requests).isEqualTo("compiler");
      assertThat(wrong).as("answers that were not the plugin's, of %d", requests).isEmpty();
      assertThat(demo.allOutput()).contains("compiled code is ready; each worker moves its VM to it");
      try (Stream<Path> entries = Files.walk(compiledCache)) {
        assertThat(entries.filter(Files::isRegularFile)).as("the compile filled the cache").isNotEmpty();
      }
      assertThat(Http.get(gateway, "/status/418").statusCode()).isEqualTo(403);
    }
  }

  private static String engine(int admin) throws Exception {
    HttpResponse<String> dump = Http.get(admin, "/config_dump");
    for (JsonNode config : GatewayFixture.JSON.readTree(dump.body()).get("configs")) {
      if (config.has("plugins")) {
        for (JsonNode plugin : config.get("plugins")) {
          if (plugin.get("name").asString().equals("header-authorization")) {
            return plugin.get("engine").asString();
          }
        }
      }
    }
    throw new AssertionError("no header-authorization plugin in /config_dump: " + dump.body());
  }
}
