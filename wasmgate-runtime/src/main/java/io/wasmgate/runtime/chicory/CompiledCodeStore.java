package io.wasmgate.runtime.chicory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled modules on disk, one file per module: {@code <dir>/chicory-<version>/<sha256>.classes}.
 * Files are published whole (temp file, then atomic rename), carry a CRC32C of their contents, and
 * repeat their Chicory version, module digest, module length and module CRC32C inside, so a
 * partial, corrupt or misplaced file, or a digest that does not belong to the bytes being loaded,
 * is ignored with a warning and never loaded. Safe for concurrent processes.
 */
final class CompiledCodeStore {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledCodeStore.class);
  private static final int MAGIC = 0x57474343; // "WGCC"
  /** 2: the module skeleton and the module's length and CRC32C added. */
  private static final int FORMAT = 2;
  private static final int CHECKSUM_BYTES = Long.BYTES;

  private final Path versionDir;
  private final String chicoryVersion;

  CompiledCodeStore(Path dir, String chicoryVersion) {
    this.chicoryVersion = chicoryVersion;
    this.versionDir = dir.resolve("chicory-" + chicoryVersion);
  }

  Path entry(String sha256) {
    return versionDir.resolve(sha256 + ".classes");
  }

  /** Whether an entry exists for the digest (its contents are checked only when read). */
  boolean contains(String sha256) {
    return Files.isRegularFile(entry(sha256));
  }

  /**
   * The cached module, or empty when absent or unusable (then with a warning).
   *
   * @param sha256 the digest of {@code wasm}; the entry must also match its length and CRC32C
   */
  Optional<CachedModule> read(byte[] wasm, String sha256) {
    Path file = entry(sha256);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn(
          "cannot read compiled-code cache entry {}; compiling instead: {}",
          file, e.toString());
      return Optional.empty();
    }
    try {
      return Optional.of(decode(bytes, wasm, sha256));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "ignoring unusable compiled-code cache entry {}; compiling instead: {}",
          file,
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Publishes the entry atomically; failures only cost the next start a compile. */
  void write(byte[] wasm, CachedModule module) {
    Path file = entry(module.sha256());
    Path temp = null;
    try {
      Files.createDirectories(versionDir);
      temp = Files.createTempFile(versionDir, module.sha256() + ".", ".tmp");
      Files.write(temp, encode(wasm, module));
      move(temp, file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write compiled-code cache entry {}: {}", file, e.toString());
      deleteQuietly(temp);
    }
  }

  private static void move(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private byte[] encode(byte[] wasm, CachedModule module) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    writeString(out, chicoryVersion);
    writeString(out, module.sha256());
    out.writeInt(wasm.length);
    out.writeLong(checksum(wasm, wasm.length));
    writeBytes(out, module.skeleton());
    writeString(out, module.classes().mainClass());
    out.writeInt(module.classes().classes().size());
    for (Map.Entry<String, byte[]> entry : module.classes().classes().entrySet()) {
      writeString(out, entry.getKey());
      writeBytes(out, entry.getValue());
    }
    out.writeLong(checksum(buffer.toByteArray(), buffer.size()));
    return buffer.toByteArray();
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  private CachedModule decode(byte[] bytes, byte[] wasm, String sha256) throws IOException {
    int body = bytes.length - CHECKSUM_BYTES;
    if (body < 0) {
      throw new IOException("truncated (" + bytes.length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
    if (ByteBuffer.wrap(bytes, body, CHECKSUM_BYTES).getLong() != checksum(bytes, body)) {
      throw new IOException("checksum mismatch (partial or damaged file)");
    }
    if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
      throw new IOException("not a format " + FORMAT + " entry");
    }
    expect("Chicory version", chicoryVersion, readString(in));
    expect("module sha256", sha256, readString(in));
    // A cheap second identity: a digest handed in by a caller is only trusted with these.
    if (in.getInt() != wasm.length || in.getLong() != checksum(wasm, wasm.length)) {
      throw new IOException("the module's length or CRC32C differs from the one compiled");
    }
    byte[] skeleton = readBytes(in);
    String mainClass = readString(in);
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (int n = in.getInt(); n > 0; n--) {
      classes.put(readString(in), readBytes(in));
    }
    if (!classes.containsKey(mainClass) || in.hasRemaining()) {
      throw new IOException("inconsistent entry (main class " + mainClass + ")");
    }
    return new CachedModule(sha256, skeleton, new CompiledClasses(mainClass, classes));
  }

  private static String readString(ByteBuffer in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(ByteBuffer in) throws IOException {
    byte[] value = new byte[length(in)];
    in.get(value);
    return value;
  }

  private static int length(ByteBuffer in) throws IOException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IOException("a field of " + length + " bytes runs past the end of the entry");
    }
    return length;
  }

  private static void expect(String what, String expected, String found) throws IOException {
    if (!expected.equals(found)) {
      throw new IOException(what + " is " + found + ", expected " + expected);
    }
  }

  private static long checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover temp file is never read: entries are only ever published by rename.
      }
    }
  }
}
