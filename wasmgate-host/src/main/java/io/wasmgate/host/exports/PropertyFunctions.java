package io.wasmgate.host.exports;

import io.wasmgate.abi.ProxyStatus;
import io.wasmgate.host.HttpStreamHost;
import io.wasmgate.host.PluginSpec;
import io.wasmgate.runtime.HostFunctionSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * proxy_get_property / proxy_set_property. Plugin attributes come from the PluginSpec; the rest
 * from the current stream, then from gateway-wide services.
 */
public final class PropertyFunctions {
  private PropertyFunctions() {}

  public static List<HostFunctionSpec> all() {
    return List.of(
        ProxyFunction.env("proxy_get_property", "iiii", PropertyFunctions::get),
        ProxyFunction.env("proxy_set_property", "iiii", PropertyFunctions::set));
  }

  private static ProxyStatus get(HostCall call, long[] args) {
    List<String> path = path(call.read(args[0], args[1]));
    byte[] value = lookup(call.vm(), path);
    if (value == null) {
      return ProxyStatus.NOT_FOUND;
    }
    call.returnBytes(args[2], args[3], value);
    return ProxyStatus.OK;
  }

  private static byte[] lookup(VmState vm, List<String> path) {
    byte[] plugin = pluginAttribute(vm.spec(), path);
    if (plugin != null) {
      return plugin;
    }
    HttpStreamHost stream = vm.currentStream();
    byte[] value = stream == null ? null : stream.property(path);
    return value != null ? value : vm.services().property(path);
  }

  private static byte[] pluginAttribute(PluginSpec spec, List<String> path) {
    if (path.size() != 1) {
      return null;
    }
    String value =
        switch (path.get(0)) {
          case "plugin_name" -> spec.name();
          case "plugin_root_id" -> spec.rootId();
          case "plugin_vm_id" -> spec.vmId();
          default -> null;
        };
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  private static ProxyStatus set(HostCall call, long[] args) {
    List<String> path = path(call.read(args[0], args[1]));
    byte[] value = call.read(args[2], args[3]);
    return call.stream().setProperty(path, value) ? ProxyStatus.OK : ProxyStatus.BAD_ARGUMENT;
  }

  /** Segments joined by NUL, as SDKs serialize them; a trailing NUL adds no segment. */
  static List<String> path(byte[] raw) {
    List<String> segments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == 0) {
        if (i > start || i < raw.length) {
          segments.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
        }
        start = i + 1;
      }
    }
    return segments;
  }
}
