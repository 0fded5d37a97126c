package dev.graft.training.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of Python's string formatting that Keras's callbacks use: {@code repr} of a float (CSV
 * cells, messages) and {@code str.format} with named fields such as {@code {epoch:02d}} and {@code
 * {val_loss:.4f}} (checkpoint paths).
 *
 * <p>Format specs support fill, align ({@code < > = ^}), sign ({@code + - space}), {@code #}, zero
 * padding, width and precision, with the types {@code d} (integers), {@code f F e E g G %} and
 * none. Rounding is round-half-even on the exact binary value, as Python does, so {@code {x:.1f}}
 * of 0.15 is {@code 0.1}. Floats print their shortest repr as of the running JDK's {@link
 * Double#toString} (shortest from JDK 19 on; JDK 17 rarely gives one digit more).
 */
final class PyFormat {
  private static final Pattern SPEC =
      Pattern.compile("(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?([0-9]+)?(?:\\.([0-9]+))?([dfFeEgG%])?");

  private PyFormat() {}

  /** Python's {@code repr(float(x))}: {@code 0.1}, {@code 100.0}, {@code 1e-05}, {@code nan}. */
  static String repr(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    String sign = (x < 0 || (x == 0 && 1 / x < 0)) ? "-" : "";
    if (x == 0) {
      return sign + "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    if (exp >= -4 && exp < 16) {
      String plain = d.toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + exponent('e', exp);
  }

  /**
   * Python's {@code template.format(**values)}; values are {@link Integer}, {@link Long} or {@link
   * Double}.
   *
   * @throws IllegalArgumentException for an unknown field, a malformed template or spec
   */
  static String format(String template, Map<String, ?> values) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
        out.append('{');
        i += 2;
      } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        out.append('}');
        i += 2;
      } else if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException(
              "'" + template + "': a '{' at index " + i + " is never closed");
        }
        String field = template.substring(i + 1, end);
        int colon = field.indexOf(':');
        String name = colon < 0 ? field : field.substring(0, colon);
        String spec = colon < 0 ? "" : field.substring(colon + 1);
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException(
              "'"
                  + template
                  + "': no value for the placeholder {"
                  + field
                  + "}; available: "
                  + new TreeSet<>(values.keySet()));
        }
        out.append(formatValue(values.get(name), spec, template));
        i = end + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException(
            "'" + template + "': a single '}' at index " + i + "; write '}}' for a literal brace");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Formats one value with a Python format spec such as {@code 02d} or {@code .4f}. */
  static String formatValue(Object value, String spec, String context) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + context + "': unsupported format spec '" + spec + "' for " + value);
    }
    char fill = m.group(1) != null ? m.group(1).charAt(0) : ' ';
    char align = m.group(2) != null ? m.group(2).charAt(0) : 0;
    String signMode = m.group(3) != null ? m.group(3) : "-";
    boolean alternate = m.group(4) != null;
    if (m.group(5) != null && m.group(2) == null) {
      fill = '0';
      align = '=';
    }
    int width = m.group(6) != null ? Integer.parseInt(m.group(6)) : 0;
    Integer precision = m.group(7) != null ? Integer.valueOf(m.group(7)) : null;
    char type = m.group(8) != null ? m.group(8).charAt(0) : 0;

    boolean negative;
    String body;
    if (value instanceof Integer || value instanceof Long) {
      long v = ((Number) value).longValue();
      if (type == 0 || type == 'd') {
        if (precision != null) {
          throw new IllegalArgumentException(
              "'"
                  + context
                  + "': precision is not allowed in an integer format spec '"
                  + spec
                  + "'");
        }
        negative = v < 0;
        body = Long.toString(v).replace("-", "");
      } else {
        negative = v < 0;
        body = floatBody(Math.abs((double) v), type, precision, alternate);
      }
    } else if (value instanceof Double || value instanceof Float) {
      double v = ((Number) value).doubleValue();
      if (type == 'd') {
        throw new IllegalArgumentException(
            "'"
                + context
                + "': unknown format code 'd' for the float value "
                + repr(v)
                + "; use a float format such as .4f");
      }
      negative = v < 0 || (v == 0 && 1 / v < 0);
      body = floatBody(Math.abs(v), type, precision, alternate);
    } else {
      throw new IllegalArgumentException("'" + context + "': cannot format " + value);
    }
    String sign = negative ? "-" : signMode.equals("+") ? "+" : signMode.equals(" ") ? " " : "";
    int pad = width - sign.length() - body.length();
    if (pad <= 0) {
      return sign + body;
    }
    String fillText = String.valueOf(fill).repeat(pad);
    switch (align == 0 ? '>' : align) {
      case '<':
        return sign + body + fillText;
      case '^':
        String left = String.valueOf(fill).repeat(pad / 2);
        return left + sign + body + String.valueOf(fill).repeat(pad - pad / 2);
      case '=':
        return sign + fillText + body;
      default:
        return fillText + sign + body;
    }
  }

  /** The digits of a non-negative value, without a sign. */
  private static String floatBody(double a, char type, Integer precision, boolean alternate) {
    boolean upper = Character.isUpperCase(type);
    if (Double.isNaN(a) || Double.isInfinite(a)) {
      String s = Double.isNaN(a) ? "nan" : "inf";
      if (type == '%') {
        s += "%";
      }
      return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
    String s;
    switch (type) {
      case 'f', 'F' -> s = fixed(new BigDecimal(a), precision == null ? 6 : precision);
      case 'e', 'E' -> s = scientific(a, precision == null ? 6 : precision, 'e');
      case '%' ->
          s =
              fixed(
                      new BigDecimal(a).multiply(BigDecimal.valueOf(100)),
                      precision == null ? 6 : precision)
                  + "%";
      case 'g', 'G' -> s = general(a, precision == null ? 6 : precision, alternate);
      default -> {
        if (precision == null) {
          s = repr(a);
        } else {
          s = general(a, precision, alternate);
          if (!s.contains(".") && !s.contains("e") && !s.contains("inf")) {
            s += ".0";
          }
        }
      }
    }
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  private static String fixed(BigDecimal a, int precision) {
    return a.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String scientific(double a, int precision, char e) {
    String[] de = digitsAndExponent(a, precision + 1);
    String digits = de[0];
    String mantissa = precision == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + exponent(e, Integer.parseInt(de[1]));
  }

  private static String general(double a, int precision, boolean alternate) {
    int p = precision == 0 ? 1 : precision;
    int exp = a == 0 ? 0 : Integer.parseInt(digitsAndExponent(a, p)[1]);
    String s;
    if (exp >= -4 && exp < p) {
      s = fixed(new BigDecimal(a), p - 1 - exp);
      if (!alternate && s.contains(".")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return s;
    }
    s = scientific(a, p - 1, 'e');
    if (!alternate) {
      int ei = s.indexOf('e');
      String mantissa = s.substring(0, ei);
      if (mantissa.contains(".")) {
        mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      s = mantissa + s.substring(ei);
    }
    return s;
  }

  /** {@code significant} digits of {@code a} (rounded half-even) and its decimal exponent. */
  private static String[] digitsAndExponent(double a, int significant) {
    if (a == 0) {
      return new String[] {"0".repeat(significant), "0"};
    }
    BigDecimal r = new BigDecimal(a).round(new MathContext(significant, RoundingMode.HALF_EVEN));
    String digits = r.unscaledValue().toString();
    int exp = digits.length() - 1 - r.scale();
    if (digits.length() < significant) {
      digits = digits + "0".repeat(significant - digits.length());
    } else if (digits.length() > significant) {
      digits = digits.substring(0, significant);
    }
    return new String[] {digits, Integer.toString(exp)};
  }

  private static String exponent(char e, int exp) {
    int abs = Math.abs(exp);
    return e + (exp < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
  }
}
