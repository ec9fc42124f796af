package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.wasmgate.runtime.ExternKind;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Conversions between Chicory's type model and the adapter's. */
final class ChicoryTypes {
  private ChicoryTypes() {}

  /** The signature, or null when it uses types a host function cannot carry (refs, v128). */
  static FunctionSignature signature(FunctionType type) {
    List<ValueType> params = valueTypes(type.params());
    List<ValueType> results = valueTypes(type.returns());
    return params == null || results == null ? null : new FunctionSignature(params, results);
  }

  static FunctionType functionType(FunctionSignature signature) {
    return FunctionType.of(valTypes(signature.params()), valTypes(signature.results()));
  }

  static ExternKind kind(ExternalType type) {
    return ExternKind.valueOf(type.name());
  }

  private static List<ValueType> valueTypes(List<ValType> types) {
    List<ValueType> out = new ArrayList<>(types.size());
    for (ValType type : types) {
      ValueType converted = valueType(type);
      if (converted == null) {
        return null;
      }
      out.add(converted);
    }
    return out;
  }

  private static ValueType valueType(ValType type) {
    if (type.equals(ValType.I32)) {
      return ValueType.I32;
    } else if (type.equals(ValType.I64)) {
      return ValueType.I64;
    } else if (type.equals(ValType.F32)) {
      return ValueType.F32;
    } else if (type.equals(ValType.F64)) {
      return ValueType.F64;
    }
    return null;
  }

  private static List<ValType> valTypes(List<ValueType> types) {
    List<ValType> out = new ArrayList<>(types.size());
    for (ValueType type : types) {
      switch (type) {
        case I32 -> out.add(ValType.I32);
        case I64 -> out.add(ValType.I64);
        case F32 -> out.add(ValType.F32);
        case F64 -> out.add(ValType.F64);
      }
    }
    return out;
  }
}
