package io.wasmgate.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasmgate.oci.testing.TestWasm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TarGzTest {
  @Test
  void singleFileLayerRoundTripsAndIsDeterministic() throws OciException {
    byte[] wasm = TestWasm.module(5_000, 1);
    byte[] layer = TarGz.gzip(TarGz.singleFileTar("plugin.wasm", wasm));
    assertThat(TarGz.extract(layer, "plugin.wasm", 1 << 20)).isEqualTo(wasm);
    assertThat(TarGz.gzip(TarGz.singleFileTar("plugin.wasm", wasm))).isEqualTo(layer);
  }

  @Test
  void findsTheFileByBaseNameInAnyDirectory() throws OciException {
    byte[] layer = TarGz.gzip(TarGz.singleFileTar("usr/share/plugin.wasm", new byte[] {1, 2, 3}));
    assertThat(TarGz.extract(layer, "plugin.wasm", 100)).containsExactly(1, 2, 3);
  }

  @Test
  void sizeLimitAndGarbageAreRefused() {
    byte[] layer = TarGz.gzip(TarGz.singleFileTar("plugin.wasm", new byte[2_000]));
    assertThatThrownBy(() -> TarGz.extract(layer, "plugin.wasm", 1_000)).hasMessageContaining("over the limit of 1000");
    assertThatThrownBy(() -> TarGz.extract("plain".getBytes(StandardCharsets.UTF_8), "plugin.wasm", 1_000))
        .hasMessageContaining("not a gzip archive");
  }
}
