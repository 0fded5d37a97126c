package dev.graft.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the small Python literals in {@code .npy} headers: dicts, tuples, lists, quoted
 * strings, integers (with Python 2's optional {@code L} suffix), {@code True}, {@code False} and
 * {@code None}. Tuples and lists become {@link List}s, integers {@link Long}s, dicts {@link Map}s
 * in insertion order, and {@code None} becomes {@link #NONE}.
 */
final class PyLiteral {
  /** Stands for Python's {@code None}. */
  static final Object NONE = new Object();

  private static final int MAX_DEPTH = 32;

  private final String text;
  private final String source;
  private int pos;

  private PyLiteral(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /**
   * Parses {@code text}, which must hold one literal and nothing else but whitespace.
   *
   * @param source names the file in error messages
   */
  static Object parse(String text, String source) throws NpyFormatException {
    PyLiteral p = new PyLiteral(text, source);
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("end of the header");
    }
    return value;
  }

  private Object value(int depth) throws NpyFormatException {
    if (depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " levels of nesting");
    }
    skipSpace();
    if (pos >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      return dict(depth);
    } else if (c == '(') {
      return tuple(depth);
    } else if (c == '[') {
      return sequence(depth, ']');
    } else if (c == '\'' || c == '"') {
      return string(c);
    } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      return integer();
    } else if (Character.isLetter(c)) {
      return name();
    }
    throw error("a value");
  }

  private Map<String, Object> dict(int depth) throws NpyFormatException {
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (peek('}')) {
        pos++;
        return map;
      }
      Object key = value(depth + 1);
      if (!(key instanceof String k)) {
        throw error("a quoted string as dict key");
      }
      expect(':');
      Object v = value(depth + 1);
      if (map.put(k, v) != null) {
        throw error("no repeated key '" + key + "'");
      }
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek('}')) {
        throw error("',' or '}'");
      }
    }
  }

  /** {@code (a, b)}, {@code (a,)} or {@code ()}; a parenthesised value without comma is itself. */
  private Object tuple(int depth) throws NpyFormatException {
    pos++; // '('
    skipSpace();
    if (peek(')')) {
      pos++;
      return new ArrayList<>();
    }
    Object first = value(depth + 1);
    skipSpace();
    if (peek(')')) {
      pos++;
      return first;
    }
    expect(',');
    List<Object> items = new ArrayList<>();
    items.add(first);
    items.addAll(sequenceRest(depth, ')'));
    return items;
  }

  private List<Object> sequence(int depth, char close) throws NpyFormatException {
    pos++; // opening bracket
    return sequenceRest(depth, close);
  }

  private List<Object> sequenceRest(int depth, char close) throws NpyFormatException {
    List<Object> items = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek(close)) {
        pos++;
        return items;
      }
      items.add(value(depth + 1));
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek(close)) {
        throw error("',' or '" + close + "'");
      }
    }
  }

  private String string(char quote) throws NpyFormatException {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < text.length()) {
        c = text.charAt(pos++);
      } else if (c == '\n') {
        break;
      }
      sb.append(c);
    }
    pos = start;
    throw error("a closing " + quote + " for the string");
  }

  private Long integer() throws NpyFormatException {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    int digits = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digits) {
      pos = start;
      throw error("digits");
    }
    String number = text.substring(start, pos);
    if (peek('L') || peek('l')) {
      pos++; // Python 2 long suffix, written by old NumPy versions
    }
    try {
      return Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("an integer that fits in 64 bits");
    }
  }

  private Object name() throws NpyFormatException {
    int start = pos;
    while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "True" -> {
        return true;
      }
      case "False" -> {
        return false;
      }
      case "None" -> {
        return NONE;
      }
      default -> {
        pos = start;
        throw error("True, False, None, a number, a string, a tuple or a dict");
      }
    }
  }

  private void expect(char c) throws NpyFormatException {
    skipSpace();
    if (!peek(c)) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private NpyFormatException error(String expected) {
    String found =
        pos >= text.length()
            ? "the end of the header"
            : "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'";
    return new NpyFormatException(
        source
            + ": malformed .npy header: expected "
            + expected
            + " at character "
            + pos
            + " but found "
            + found
            + " in "
            + abbreviate(text));
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "...";
  }
}
