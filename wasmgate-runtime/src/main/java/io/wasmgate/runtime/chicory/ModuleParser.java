package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
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

/**
 * Chicory's parse without its digest. {@code Parser.parse(byte[])} hashes every module it reads
 * (SHA-256 unless a JVM-wide system property, read once when the class loads, says otherwise);
 * the engine already has the digest (from its caller, or hashed once itself), and a second pass
 * over a 2.7 MB module costs tens of milliseconds on a cold JVM. Chicory's section listener never
 * hashes, so modules are built from it here, with the same sections and validation.
 */
final class ModuleParser {
  private ModuleParser() {}

  /** Parses and validates {@code wasm}; throws Chicory's runtime exceptions on a bad module. */
  static WasmModule parse(byte[] wasm) {
    WasmModule.Builder module = WasmModule.builder();
    Parser parser = Parser.builder().build();
    parser.parse(new ByteArrayInputStream(wasm), section -> file(module, section));
    return module.build();
  }

  /** Files a section where Chicory's own parser would. */
  static void file(WasmModule.Builder module, Section section) {
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
