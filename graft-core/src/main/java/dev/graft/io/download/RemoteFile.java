package dev.graft.io.download;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A file to download: the name it is cached under, its address, and the hash it must have.
 *
 * <p>As in Keras's {@code get_file(fname, origin, file_hash)}, the hash is hexadecimal and its
 * length picks the algorithm: 64 digits for SHA-256, 32 for MD5. A null hash turns verification
 * off. {@code alsoAccepted} lists further hashes (same algorithm) of files known to hold the same
 * data in other bytes, such as a distribution's recompressed copy.
 *
 * <pre>{@code
 * RemoteFile f = new RemoteFile("mnist.npz",
 *     URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"),
 *     "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1");
 * }</pre>
 *
 * @param fileName the name in the cache folder; a plain name, without folders
 * @param url the {@code http} or {@code https} address
 * @param fileHash the expected SHA-256 (64 hex digits) or MD5 (32), or null for none
 * @param alsoAccepted further accepted hashes, of the same algorithm as {@code fileHash}
 */
public record RemoteFile(String fileName, URI url, String fileHash, List<String> alsoAccepted) {
  /** Validates the name, the address and the hashes, and lower-cases the hashes. */
  public RemoteFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(url, "url");
    if (fileName.isBlank()
        || fileName.equals(".")
        || fileName.equals("..")
        || fileName.contains("/")
        || fileName.contains("\\")) {
      throw new IllegalArgumentException(
          "RemoteFile: file name must be a plain name without folders, got '" + fileName + "'");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "RemoteFile " + fileName + ": expected an http or https address, got " + url);
    }
    fileHash = fileHash == null ? null : checkedHash(fileName, fileHash);
    alsoAccepted = List.copyOf(alsoAccepted);
    if (!alsoAccepted.isEmpty() && fileHash == null) {
      throw new IllegalArgumentException(
          "RemoteFile " + fileName + ": alsoAccepted hashes need a fileHash");
    }
    String[] extra = new String[alsoAccepted.size()];
    for (int i = 0; i < extra.length; i++) {
      extra[i] = checkedHash(fileName, alsoAccepted.get(i));
      if (extra[i].length() != fileHash.length()) {
        throw new IllegalArgumentException(
            "RemoteFile "
                + fileName
                + ": alsoAccepted hash "
                + extra[i]
                + " uses another algorithm than "
                + fileHash);
      }
    }
    alsoAccepted = List.of(extra);
  }

  /** A file with one expected hash (or none, if {@code fileHash} is null). */
  public RemoteFile(String fileName, URI url, String fileHash) {
    this(fileName, url, fileHash, List.of());
  }

  /** The hash algorithm's Java name: {@code "SHA-256"} or {@code "MD5"}; null without a hash. */
  public String hashAlgorithm() {
    if (fileHash == null) {
      return null;
    }
    return fileHash.length() == 64 ? "SHA-256" : "MD5";
  }

  /** Whether {@code actualHash} (lower-case hex of {@link #hashAlgorithm()}) is accepted. */
  public boolean accepts(String actualHash) {
    return fileHash == null || fileHash.equals(actualHash) || alsoAccepted.contains(actualHash);
  }

  private static String checkedHash(String fileName, String hash) {
    String h = hash.toLowerCase(Locale.ROOT);
    if ((h.length() != 64 && h.length() != 32) || !h.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException(
          "RemoteFile "
              + fileName
              + ": expected a SHA-256 (64 hex digits) or MD5 (32 hex digits) hash, got '"
              + hash
              + "'");
    }
    return h;
  }
}
