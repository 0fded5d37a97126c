/** The benchmark runner behind {@code graft-bench.jar}: one JSON line per case. */
package dev.graft.bench;
