/**
 * Input pipelines: {@link dev.graft.data.Dataset}, a lazy, re-iterable chain of sources and
 * transformations after {@code tf.data}, with batching, shuffling, caching, prefetching and TFDS
 * style percentage splits. Each transformation lives in its own package-private class behind the
 * fluent {@code Dataset} API.
 */
package dev.graft.data;
