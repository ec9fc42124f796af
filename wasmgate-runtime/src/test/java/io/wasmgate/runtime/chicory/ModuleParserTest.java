package io.wasmgate.runtime.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's parse builds the module Chicory's own parse does, without hashing the bytes. */
class ModuleParserTest {
  /** The tutorial's Go plugin: every section kind a real toolchain emits, and a name section. */
  private static final Path GO_PLUGIN =
      Path.of("..", "examples", "header-authorization", "plugin.wasm").toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"basics", "traps", "data_segments", "start", "limits"})
  void buildsTheModuleChicoryBuildsWithoutADigest(String name) {
    assertSameModule(fixture(name));
  }

  @Test
  void buildsTheGoPluginChicoryBuilds() throws IOException {
    assertSameModule(Files.readAllBytes(GO_PLUGIN));
  }

  @Test
  void stillValidates() {
    byte[] wasm = fixture("basics");
    byte[] truncated = Arrays.copyOf(wasm, wasm.length - 3);

    assertThatThrownBy(() -> ModuleParser.parse(truncated)).isInstanceOf(RuntimeException.class);
  }

  private static void assertSameModule(byte[] wasm) {
    WasmModule chicory = Parser.parse(wasm);
    WasmModule ours = ModuleParser.parse(wasm);

    assertThat(ours).isEqualTo(chicory); // every section but the custom ones
    assertThat(ours.customSections().stream().map(CustomSection::name))
        .containsExactlyElementsOf(chicory.customSections().stream().map(CustomSection::name).toList());
    if (chicory.nameSection() != null) {
      int functions = chicory.nameSection().functionNameCount();
      assertThat(ours.nameSection().functionNameCount()).isEqualTo(functions);
      assertThat(ours.nameSection().nameOfFunction(functions - 1))
          .isEqualTo(chicory.nameSection().nameOfFunction(functions - 1));
    } else {
      assertThat(ours.nameSection()).isNull();
    }
    assertThat(chicory.digest()).as("Chicory hashes what it parses").startsWith("sha-256:");
    assertThat(ours.digest()).as("the engine's parse does not").isNull();
  }

  private static byte[] fixture(String name) {
    try (InputStream in = ModuleParserTest.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
