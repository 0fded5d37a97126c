package dev.graft.saving.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recursive comparison of two JSON trees that reports the first difference as a path ({@code
 * config.layers[3].config.momentum}).
 *
 * <p>Numbers are equal when they are the same float32 value, whether written as an integer or a
 * decimal: graft keeps settings in float32 (so {@code 1/127.5} comes back as the float nearest to
 * Keras's double), and Python keeps the int or float the user typed (value_range {@code [0, 255]}
 * vs graft's {@code [0.0, 255.0]}). Object keys are compared as sets (JSON objects are unordered);
 * list order matters.
 */
final class JsonDiff {
  private JsonDiff() {}

  /** The first difference, or {@code null} if equal. */
  static String firstDifference(JsonNode expected, JsonNode actual) {
    return diff("$", expected, actual);
  }

  private static String diff(String path, JsonNode e, JsonNode a) {
    if (e.isNumber() && a.isNumber()) {
      return (float) e.asDouble() == (float) a.asDouble()
          ? null
          : path + ": expected " + e + ", got " + a;
    }
    if (e.getNodeType() != a.getNodeType()) {
      return path + ": expected " + brief(e) + ", got " + brief(a);
    }
    if (e.isObject()) {
      Set<String> keys = new TreeSet<>();
      e.fieldNames().forEachRemaining(keys::add);
      Set<String> actualKeys = new TreeSet<>();
      a.fieldNames().forEachRemaining(actualKeys::add);
      if (!keys.equals(actualKeys)) {
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(actualKeys);
        Set<String> extra = new TreeSet<>(actualKeys);
        extra.removeAll(keys);
        return path + ": keys differ, missing " + missing + ", unexpected " + extra;
      }
      for (String k : keys) {
        String d = diff(path + "." + k, e.get(k), a.get(k));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (e.isArray()) {
      if (e.size() != a.size()) {
        return path + ": expected " + e.size() + " elements, got " + a.size();
      }
      Iterator<JsonNode> ei = e.elements();
      Iterator<JsonNode> ai = a.elements();
      for (int i = 0; ei.hasNext(); i++) {
        String d = diff(path + "[" + i + "]", ei.next(), ai.next());
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return e.equals(a) ? null : path + ": expected " + e + ", got " + a;
  }

  private static String brief(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
