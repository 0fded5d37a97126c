package dev.graft.applications;

import java.util.Objects;

/**
 * A file Keras downloads once and caches (its {@code get_file(fileName, url, cache_subdir,
 * file_hash)}): pretrained weights and the ImageNet class index.
 *
 * @param fileName the name of the cached file, e.g. {@code
 *     xception_weights_tf_dim_ordering_tf_kernels_notop.h5}
 * @param url the address Keras downloads it from
 * @param md5 the MD5 hash Keras checks the file against (32 hex digits), or {@code null} where
 *     Keras publishes none (MobileNetV2)
 * @param cacheSubdir the folder of Keras's cache ({@code ~/.keras/<cacheSubdir>}) it is kept in
 */
public record RemoteFile(String fileName, String url, String md5, String cacheSubdir) {
  public RemoteFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(cacheSubdir, "cacheSubdir");
    if (md5 != null && !md5.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("RemoteFile: md5 must be 32 hex digits, got " + md5);
    }
  }

  /** A weights file in Keras's {@code models} cache folder. */
  static RemoteFile model(String fileName, String url, String md5) {
    return new RemoteFile(fileName, url, md5, "models");
  }
}
