package dev.graft.io.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Hashing files, and remembering which files this JVM has already verified. */
final class FileHashes {
  /** Path, hash, size and modification time of each file verified so far. */
  private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

  private FileHashes() {}

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  /** The lower-case hex digest of {@code file}. */
  static String hash(Path file, String algorithm) throws IOException {
    MessageDigest md = digest(algorithm);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * Whether this JVM verified {@code file} against {@code spec}, and the file is unchanged since.
   */
  static boolean verifiedBefore(Path file, RemoteFile spec) throws IOException {
    return VERIFIED.contains(key(file, spec));
  }

  static void rememberVerified(Path file, RemoteFile spec) throws IOException {
    VERIFIED.add(key(file, spec));
  }

  private static String key(Path file, RemoteFile spec) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return file.toAbsolutePath()
        + "|"
        + spec.fileHash()
        + "|"
        + spec.alsoAccepted()
        + "|"
        + a.size()
        + "|"
        + a.lastModifiedTime().toMillis();
  }
}
