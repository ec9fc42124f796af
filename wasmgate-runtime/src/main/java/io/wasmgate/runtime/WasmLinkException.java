package io.wasmgate.runtime;

import java.util.List;

/** The module needs imports the host does not supply (or supplies with another signature). */
public class WasmLinkException extends WasmException {
  private static final long serialVersionUID = 1L;

  private final List<String> unsatisfied;

  public WasmLinkException(List<String> unsatisfied) {
    super("unsatisfied imports: " + String.join(", ", unsatisfied));
    this.unsatisfied = List.copyOf(unsatisfied);
  }

  /** One entry per import, as {@link CompiledModule#unsatisfiedImports} words them. */
  public List<String> unsatisfied() {
    return unsatisfied;
  }
}
