package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What instances of a compiled module need, as a small wasm binary: the module's own sections
 * minus what compiled code never reads. Function bodies are dropped (their code is in the generated
 * classes) except those left to the interpreter; the data section is coalesced ({@link
 * DataImage}); of the custom sections only "name" stays (it names wasm frames in traps), and is
 * decoded only if a trap needs it. For the Go tutorial plugin: one data segment instead of 32,074,
 * no code section, and a parse that touches 1.4 MB instead of 2.7 MB.
 *
 * <p>The skeleton is cut from a module that was fully parsed and validated, so parsing it back
 * skips validation.
 */
final class ModuleSkeleton {
  /** A function body with no locals and no instructions: size 2, zero local groups, end. */
  private static final byte[] STUB_BODY = {2, 0, 0x0b};

  private static final FunctionBody NOT_DECODED = new FunctionBody(List.of(), List.of());
  private static final String NAME_SECTION = "name";

  /** A parsed skeleton: the module instances are built from, and its function names. */
  record Parsed(WasmModule module, FunctionNames names) {}

  private ModuleSkeleton() {}

  /**
   * @param module {@code wasm} as Chicory parsed it
   * @param interpreted the function indices whose bodies the interpreter still runs
   */
  static byte[] of(WasmModule module, byte[] wasm, Set<Integer> interpreted) {
    Optional<byte[]> coalescedData = DataImage.coalesce(module);
    int importedFunctions = importedFunctions(module.importSection());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(WasmBinary.HEADER);
    for (WasmBinary.Section section : WasmBinary.sections(wasm)) {
      switch (section.id()) {
        case SectionId.CUSTOM -> {
          if (NAME_SECTION.equals(section.customName(wasm))) {
            copy(out, wasm, section);
          }
        }
        case SectionId.CODE -> {
          if (!interpreted.isEmpty()) {
            byte[] code = stubbedCode(wasm, section, importedFunctions, interpreted);
            WasmBinary.writeSection(out, SectionId.CODE, code, 0, code.length);
          }
        }
        case SectionId.DATA -> {
          byte[] data = coalescedData.orElse(null);
          if (data == null) {
            copy(out, wasm, section);
          } else {
            WasmBinary.writeSection(out, SectionId.DATA, data, 0, data.length);
          }
        }
        // Renumbered segments would disagree with the count; no code reads it when coalesced.
        case SectionId.DATA_COUNT -> {
          if (coalescedData.isEmpty()) {
            copy(out, wasm, section);
          }
        }
        default -> copy(out, wasm, section);
      }
    }
    return out.toByteArray();
  }

  /** Parses a skeleton {@link #of} wrote; throws on a damaged one. */
  static Parsed parse(byte[] skeleton) {
    WasmModule.Builder module = WasmModule.builder().withValidation(false);
    FunctionNames[] names = {FunctionNames.NONE};
    Parser.builder()
        .withValidation(false)
        .withCustomParsers(Map.of()) // custom sections stay undecoded bytes
        .build()
        .parse(
            new ByteArrayInputStream(skeleton),
            section -> {
              if (section instanceof UnknownCustomSection custom) {
                if (NAME_SECTION.equals(custom.name())) {
                  names[0] = FunctionNames.encoded(custom.bytes());
                }
              } else {
                ModuleParser.file(module, section);
              }
              // Without a code section no function runs on the interpreter: bodies stay empty.
              if (section instanceof FunctionSection functions) {
                module.setCodeSection(emptyBodies(functions.functionCount()));
              }
            });
    return new Parsed(module.build(), names[0]);
  }

  private static CodeSection emptyBodies(int count) {
    CodeSection.Builder code = CodeSection.builder();
    for (int i = 0; i < count; i++) {
      code.addFunctionBody(NOT_DECODED);
    }
    return code.build();
  }

  private static void copy(ByteArrayOutputStream out, byte[] wasm, WasmBinary.Section section) {
    WasmBinary.writeSection(out, section.id(), wasm, section.start(), section.end());
  }

  private static byte[] stubbedCode(
      byte[] wasm, WasmBinary.Section section, int importedFunctions, Set<Integer> interpreted) {
    WasmBinary.Reader in = new WasmBinary.Reader(wasm, section.start());
    int count = in.u32();
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    WasmBinary.writeU32(code, count);
    for (int i = 0; i < count; i++) {
      int bodyStart = in.position();
      int size = in.u32();
      in.skip(size);
      if (interpreted.contains(importedFunctions + i)) {
        code.write(wasm, bodyStart, in.position() - bodyStart);
      } else {
        code.writeBytes(STUB_BODY);
      }
    }
    return code.toByteArray();
  }

  private static int importedFunctions(ImportSection imports) {
    int count = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      if (imports.getImport(i).importType() == ExternalType.FUNCTION) {
        count++;
      }
    }
    return count;
  }
}
