/**
 * A verified, cached download facility, like Keras's {@code get_file}.
 *
 * <p>A {@link dev.graft.io.download.RemoteFile} names a file, where it comes from and the hash it
 * must have; a {@link dev.graft.io.download.Downloader} returns the cached copy or downloads it
 * with {@link java.net.http.HttpClient}, checks the hash and moves it into the cache atomically, so
 * a failed or corrupted transfer never leaves a file there. {@link
 * dev.graft.io.download.DownloadOptions} holds the offline switch ({@code GRAFT_OFFLINE=1} or
 * {@code -Dgraft.offline=true}), the timeouts, the progress output and a base-address override.
 */
package dev.graft.io.download;
