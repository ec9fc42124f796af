package io.wasmgate.plugin.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.plugin.ResourceException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** kubectl-style apply and delete: stored in the directory, active when the call returns. */
class PluginAdminTest extends ManagerFixture {

  @Test
  void applyCreatesConfiguresAndReportsUnchanged() throws Exception {
    start();
    String yaml = Fixtures.marker("a", "one") + "---\n" + Fixtures.marker("b", "two", "phase: STATS");

    assertThat(manager.apply(yaml)).isEqualTo(
        "wasmplugin.extensions.istio.io/a created\nwasmplugin.extensions.istio.io/b created");
    assertThat(dir.resolve("default.a.yaml")).exists();
    assertThat(dir.resolve("default.b.yaml")).exists();
    assertThat(request(8080).requestValues("x-chain")).containsExactly("two", "one"); // STATS first

    assertThat(manager.apply(Fixtures.marker("a", "one"))).isEqualTo("wasmplugin.extensions.istio.io/a unchanged");
    assertThat(manager.apply(Fixtures.marker("a", "uno"))).isEqualTo("wasmplugin.extensions.istio.io/a configured");
    assertThat(request(8080).requestValues("x-chain")).containsExactly("two", "uno");
  }

  @Test
  void applyRewritesTheFileThatHoldsTheResource() throws Exception {
    Fixtures.write(dir, "mine.yaml", Fixtures.marker("a", "one"));
    start();

    assertThat(manager.apply(Fixtures.marker("a", "two"))).endsWith("/a configured");

    assertThat(Files.readString(dir.resolve("mine.yaml"))).contains("two");
    assertThat(dir.resolve("default.a.yaml")).doesNotExist();
  }

  @Test
  void applyWarnsAboutUnknownFields() throws Exception {
    start();

    assertThat(manager.apply(Fixtures.marker("a", "one", "colour: blue"))).isEqualTo(
        "Warning: request document 1 (default/a): spec.colour: unknown field\n"
            + "wasmplugin.extensions.istio.io/a created");
  }

  @Test
  void anInvalidDocumentAppliesNothing() throws Exception {
    start();
    String yaml = Fixtures.marker("good", "g") + "---\n" + Fixtures.marker("bad", "b", "priority: top");

    assertThatThrownBy(() -> manager.apply(yaml))
        .isInstanceOf(ResourceException.class)
        .hasMessage("request document 2 (default/bad): spec.priority: expected an integer, got the string \"top\"");
    assertThat(dir).isEmptyDirectory();
    assertThat(manager.plugins()).isEmpty();
  }

  @Test
  void aModuleThatFailsToLoadIsStoredAndReported() throws Exception {
    start();

    assertThatThrownBy(() -> manager.apply(Fixtures.plugin("broken", Fixtures.CONFIGURE_FAILS)))
        .isInstanceOf(ResourceException.class)
        .hasMessageStartingWith("wasmplugin.extensions.istio.io/broken created\n"
            + "error: default/broken was stored in " + dir.resolve("default.broken.yaml")
            + " but its module failed to load: ");
    assertThat(status("broken").state()).isEqualTo("FAILED");
    assertThat(request(8080).status()).isEqualTo(503);
  }

  @Test
  void deleteRemovesTheResource() throws Exception {
    start();
    manager.apply(Fixtures.marker("a", "one"));

    assertThat(manager.delete(Fixtures.marker("a", "ignored"))).isEqualTo("wasmplugin.extensions.istio.io \"a\" deleted");

    assertThat(dir.resolve("default.a.yaml")).doesNotExist();
    assertThat(manager.plugins()).isEmpty();
    assertThat(request(8080).requestValues("x-chain")).isEmpty();
  }

  @Test
  void deleteOfAnUnknownResourceSaysNotFound() throws Exception {
    start();

    assertThatThrownBy(() -> manager.delete(Fixtures.marker("ghost", "x")))
        .isInstanceOf(ResourceException.class)
        .hasMessage("wasmplugins.extensions.istio.io \"ghost\" not found");
  }

  @Test
  void resourcesSharingAFileAreEditedThere() throws Exception {
    Fixtures.write(dir, "both.yaml", Fixtures.marker("a", "a") + "---\n" + Fixtures.marker("b", "b"));
    start();

    assertThatThrownBy(() -> manager.apply(Fixtures.marker("a", "changed")))
        .hasMessageContaining("defined in " + dir.resolve("both.yaml") + " together with other resources");
    assertThatThrownBy(() -> manager.delete(Fixtures.marker("a", "a")))
        .hasMessageContaining("together with other resources");
  }
}
