package io.wasmgate.runtime.chicory;

import java.io.ByteArrayOutputStream;

/**
 * A module exporting {@code sum(x) = x + n}, written as n separate additions: with n in the tens of
 * thousands the function is too large for one JVM method, so Chicory's compiler leaves it to the
 * interpreter. Built in code because its text form would be megabytes.
 */
final class HugeFunctionModule {
  private HugeFunctionModule() {}

  static byte[] wasm(int n) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // no locals besides the parameter
    body.write(0x20); // local.get 0
    body.write(0);
    for (int i = 0; i < n; i++) {
      body.write(0x41); // i32.const 1
      body.write(1);
      body.write(0x6a); // i32.add
    }
    body.write(0x0b); // end

    ByteArrayOutputStream module = new ByteArrayOutputStream();
    module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    section(module, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f}); // type 0: (i32) -> i32
    section(module, 3, new byte[] {1, 0}); // one function of type 0
    section(module, 7, new byte[] {1, 3, 's', 'u', 'm', 0, 0}); // export "sum" = function 0
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.write(1);
    leb128(code, body.size());
    code.writeBytes(body.toByteArray());
    section(module, 10, code.toByteArray());
    return module.toByteArray();
  }

  private static void section(ByteArrayOutputStream module, int id, byte[] contents) {
    module.write(id);
    leb128(module, contents.length);
    module.writeBytes(contents);
  }

  private static void leb128(ByteArrayOutputStream out, int value) {
    do {
      int low = value & 0x7f;
      value >>>= 7;
      out.write(value == 0 ? low : low | 0x80);
    } while (value != 0);
  }
}
