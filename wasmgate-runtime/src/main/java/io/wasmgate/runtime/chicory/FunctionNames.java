package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.types.NameCustomSection;

/**
 * Wasm function names from a module's "name" section, for trap messages. A module loaded from the
 * compiled-code cache keeps the section's bytes and decodes them on the first trap (most modules
 * never trap, and decoding a Go module's names costs ~10 ms on a cold JIT). Thread-safe.
 */
final class FunctionNames {
  static final FunctionNames NONE = new FunctionNames(null, null);

  private final byte[] encoded;
  private volatile NameCustomSection decoded;

  private FunctionNames(byte[] encoded, NameCustomSection decoded) {
    this.encoded = encoded;
    this.decoded = decoded;
  }

  /** Names already decoded by Chicory's parser; {@code section} may be null. */
  static FunctionNames of(NameCustomSection section) {
    return section == null ? NONE : new FunctionNames(null, section);
  }

  /** @param contents the name section's contents after its own name */
  static FunctionNames encoded(byte[] contents) {
    return new FunctionNames(contents, null);
  }

  /** The function's name, or null when the module does not name it. */
  String of(int functionIndex) {
    NameCustomSection names = decoded;
    if (names == null && encoded != null) {
      try {
        names = NameCustomSection.parse(encoded);
      } catch (RuntimeException e) {
        // Names only decorate a trap message: a malformed section means no names.
        names = NameCustomSection.parse(new byte[0]);
      }
      decoded = names;
    }
    return names == null ? null : names.nameOfFunction(functionIndex);
  }
}
