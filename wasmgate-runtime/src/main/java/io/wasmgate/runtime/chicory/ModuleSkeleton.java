package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Parses a module whose compiled code is already cached: the bytes were fully validated when that
 * code was compiled, so validation is skipped, and so is decoding the function bodies (most of a
 * Go module's parse time) unless some function runs on the interpreter. Compiled code never reads
 * the bodies; each is replaced by an empty one so the module's shape stays intact.
 */
final class ModuleSkeleton {
  private static final FunctionBody NOT_DECODED = new FunctionBody(List.of(), List.of());

  private ModuleSkeleton() {}

  static WasmModule parse(byte[] wasm, boolean withFunctionBodies) {
    Parser.Builder parser = Parser.builder().withValidation(false);
    for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
      if (id != SectionId.CODE || withFunctionBodies) {
        parser.includeSectionId(id);
      }
    }
    WasmModule.Builder module = WasmModule.builder().withValidation(false);
    parser
        .build()
        .parse(
            new ByteArrayInputStream(wasm),
            section -> {
              add(module, section);
              if (section instanceof FunctionSection && !withFunctionBodies) {
                module.setCodeSection(emptyBodies(((FunctionSection) section).functionCount()));
              }
            });
    return module.build();
  }

  private static CodeSection emptyBodies(int count) {
    CodeSection.Builder code = CodeSection.builder();
    for (int i = 0; i < count; i++) {
      code.addFunctionBody(NOT_DECODED);
    }
    return code.build();
  }

  /** Files a section where Chicory's own parser would. */
  private static void add(WasmModule.Builder module, Section section) {
    switch (section.sectionId()) {
      case SectionId.CUSTOM -> {
        CustomSection custom = (CustomSection) section;
        module.addCustomSection(custom.name(), custom);
      }
      case SectionId.TYPE -> module.setTypeSection((TypeSection) section);
      case SectionId.IMPORT -> module.setImportSection((ImportSection) section);
      case SectionId.FUNCTION -> module.setFunctionSection((FunctionSection) section);
      case SectionId.TABLE -> module.setTableSection((TableSection) section);
      case SectionId.MEMORY -> module.setMemorySection((MemorySection) section);
      case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) section);
      case SectionId.EXPORT -> module.setExportSection((ExportSection) section);
      case SectionId.START -> module.setStartSection((StartSection) section);
      case SectionId.ELEMENT -> module.setElementSection((ElementSection) section);
      case SectionId.CODE -> module.setCodeSection((CodeSection) section);
      case SectionId.DATA -> module.setDataSection((DataSection) section);
      case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) section);
      case SectionId.TAG -> module.setTagSection((TagSection) section);
      default -> module.addIgnoredSection(section.sectionId());
    }
  }
}
