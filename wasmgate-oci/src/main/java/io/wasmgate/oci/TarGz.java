package io.wasmgate.oci;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The little of tar and gzip an image layer (or a module served over HTTP) needs: write one regular file (deterministically, so the same module always
 * gives the same layer digest) and find one file by base name, understanding ustar prefixes, GNU long names and
 * PAX path records.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** An uncompressed tar holding {@code name} (mode 0644, mtime 0) with {@code content}. */
  static byte[] singleFileTar(String name, byte[] content) {
    byte[] header = new byte[BLOCK];
    putString(header, 0, 100, name);
    putOctal(header, 100, 8, 0644);
    putOctal(header, 108, 8, 0);
    putOctal(header, 116, 8, 0);
    putOctal(header, 124, 12, content.length);
    putOctal(header, 136, 12, 0);
    header[156] = '0';
    putString(header, 257, 6, "ustar");
    putString(header, 263, 2, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    putString(header, 148, 8, String.format("%06o", sum) + "\0 ");
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4 * BLOCK);
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[padding(content.length) + 2 * BLOCK]);
    return out.toByteArray();
  }

  /** Gzip with the JDK's fixed header (no timestamp), so equal input gives equal output. */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory gzip failed", e);
    }
    return out.toByteArray();
  }

  /** The content of the first regular file whose base name is {@code baseName}; {@code limit} caps its size. */
  static byte[] extract(byte[] tarGz, String baseName, long limit) throws OciException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tarGz))) {
      return extractFromTar(in, baseName, limit, "the layer archive");
    } catch (ZipException e) {
      throw new OciException("layer is not a gzip archive: " + e.getMessage());
    } catch (OciException e) {
      throw e;
    } catch (IOException e) {
      throw new OciException("layer is not a valid tar.gz archive: " + e.getMessage(), e);
    }
  }

  /** {@link #extract} for an uncompressed tar. */
  static byte[] extractFromTar(byte[] tar, String baseName, long limit) throws OciException {
    try {
      return extractFromTar(new ByteArrayInputStream(tar), baseName, limit, "the tar archive");
    } catch (OciException e) {
      throw e;
    } catch (IOException e) {
      throw new OciException("not a valid tar archive: " + e.getMessage(), e);
    }
  }

  /** The decompressed content of a gzip stream, refused once it exceeds {@code limit} bytes. */
  static byte[] gunzip(byte[] gzip, long limit) throws OciException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (data.length > limit) {
        throw new OciException("gzip content is over the limit of " + limit + " bytes");
      }
      return data;
    } catch (OciException e) {
      throw e;
    } catch (IOException e) {
      throw new OciException("not a valid gzip archive: " + e.getMessage(), e);
    }
  }

  static boolean isGzip(byte[] data) {
    return data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
  }

  /** POSIX (ustar) and GNU tar headers carry the "ustar" magic at offset 257. */
  static boolean isTar(byte[] data) {
    return data.length >= BLOCK && new String(data, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }

  private static byte[] extractFromTar(InputStream in, String baseName, long limit, String archive)
      throws IOException {
    String longName = null;
    byte[] header;
    while ((header = in.readNBytes(BLOCK)).length == BLOCK && !isZero(header)) {
      long size = parseSize(header);
      char type = (char) header[156];
      String name = longName != null ? longName : headerName(header);
      longName = null;
      if (type == 'L' || type == 'x') {
        byte[] data = readEntry(in, size, 1 << 20, "tar metadata");
        longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
        continue;
      }
      boolean regular = type == '0' || type == '\0';
      if (regular && baseName(name).equals(baseName)) {
        return readEntry(in, size, limit, name);
      }
      in.skipNBytes(size + padding(size));
    }
    throw new OciException(baseName + " not found in " + archive);
  }

  private static byte[] readEntry(InputStream in, long size, long limit, String name) throws IOException {
    if (size > limit) {
      throw new OciException(name + " in the layer is " + size + " bytes, over the limit of " + limit);
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new OciException("layer archive is truncated inside " + name);
    }
    in.skipNBytes(padding(size));
    return data;
  }

  private static String headerName(byte[] header) {
    String name = cString(header, 0, 100);
    boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] records) {
    String text = new String(records, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 6);
      }
    }
    return null;
  }

  private static long parseSize(byte[] header) throws OciException {
    if ((header[124] & 0x80) != 0) {
      long value = 0;
      for (int i = 125; i < 136; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    String octal = cString(header, 124, 12).strip();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new OciException("layer archive has a corrupt tar header (size '" + octal + "')");
    }
  }

  private static String baseName(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static void putString(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > length) {
      throw new IllegalArgumentException("tar field too long: " + value);
    }
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static void putOctal(byte[] header, int offset, int length, long value) {
    putString(header, offset, length, String.format("%0" + (length - 1) + "o", value));
  }
}
