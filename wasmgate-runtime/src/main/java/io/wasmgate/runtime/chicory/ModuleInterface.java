package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import io.wasmgate.runtime.ExportSpec;
import io.wasmgate.runtime.ExternKind;
import io.wasmgate.runtime.FunctionSignature;
import io.wasmgate.runtime.ImportSpec;
import java.util.ArrayList;
import java.util.List;

/** The imports and exports of a parsed module, with function signatures resolved. */
record ModuleInterface(List<ImportSpec> imports, List<ExportSpec> exports) {

  static ModuleInterface of(WasmModule module) {
    List<ImportSpec> imports = new ArrayList<>();
    List<FunctionSignature> importedFunctions = new ArrayList<>();
    for (int i = 0; i < module.importSection().importCount(); i++) {
      Import imp = module.importSection().getImport(i);
      FunctionSignature signature = null;
      if (imp.importType() == ExternalType.FUNCTION) {
        int typeIndex = ((FunctionImport) imp).typeIndex();
        signature = ChicoryTypes.signature(module.typeSection().getType(typeIndex));
        importedFunctions.add(signature);
      }
      imports.add(
          new ImportSpec(imp.module(), imp.name(), ChicoryTypes.kind(imp.importType()), signature));
    }
    List<ExportSpec> exports = new ArrayList<>();
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export export = module.exportSection().getExport(i);
      ExternKind kind = ChicoryTypes.kind(export.exportType());
      FunctionSignature signature =
          kind == ExternKind.FUNCTION
              ? functionSignature(module, importedFunctions, export.index())
              : null;
      exports.add(new ExportSpec(export.name(), kind, signature));
    }
    return new ModuleInterface(List.copyOf(imports), List.copyOf(exports));
  }

  private static FunctionSignature functionSignature(
      WasmModule module, List<FunctionSignature> importedFunctions, int functionIndex) {
    if (functionIndex < importedFunctions.size()) {
      return importedFunctions.get(functionIndex);
    }
    int local = functionIndex - importedFunctions.size();
    return ChicoryTypes.signature(
        module.functionSection().getFunctionType(local, module.typeSection()));
  }
}
