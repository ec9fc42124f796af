package io.wasmgate.runtime;

import java.util.Objects;

/** A function the host offers a module as import {@code module.name}. */
public record HostFunctionSpec(
    String module, String name, FunctionSignature signature, HostFunctionHandler handler) {

  public HostFunctionSpec {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(handler, "handler");
  }

  public String qualifiedName() {
    return module + "." + name;
  }
}
