package io.wasmgate.host.wasi;

import static io.wasmgate.host.exports.HostCall.u32;

import io.wasmgate.host.exports.HostCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Arguments (none) and environment (only PluginSpec.env, never the gateway's own). */
final class WasiEnvironment {
  private WasiEnvironment() {}

  static List<WasiFunction> all() {
    return List.of(
        WasiFunction.of("args_sizes_get", "ii", (call, args) -> sizes(call, args, List.of())),
        WasiFunction.of("args_get", "ii", (call, args) -> Errno.SUCCESS),
        WasiFunction.of(
            "environ_sizes_get", "ii", (call, args) -> sizes(call, args, environ(call))),
        WasiFunction.of("environ_get", "ii", WasiEnvironment::environGet));
  }

  private static List<byte[]> environ(HostCall call) {
    List<byte[]> entries = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(call.vm().spec().env()).entrySet()) {
      entries.add((e.getKey() + "=" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  private static int sizes(HostCall call, long[] args, List<byte[]> entries) {
    long bytes = entries.stream().mapToLong(entry -> entry.length).sum();
    call.memory().writeU32(u32(args[0]), entries.size());
    call.memory().writeU32(u32(args[1]), bytes);
    return Errno.SUCCESS;
  }

  /** Writes one pointer per entry at args[0] and the NUL-terminated entries at args[1]. */
  private static int environGet(HostCall call, long[] args) {
    long pointers = u32(args[0]);
    long buffer = u32(args[1]);
    for (byte[] entry : environ(call)) {
      call.memory().writeU32(pointers, buffer);
      call.memory().write(buffer, entry);
      pointers += 4;
      buffer += entry.length;
    }
    return Errno.SUCCESS;
  }
}
