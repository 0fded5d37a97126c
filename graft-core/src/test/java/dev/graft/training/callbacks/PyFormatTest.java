package dev.graft.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3 prints for the same expressions. */
class PyFormatTest {

  @Test
  void reprOfFloats() {
    assertEquals("0.1", PyFormat.repr(0.1));
    assertEquals("100.0", PyFormat.repr(100));
    assertEquals("-2.5", PyFormat.repr(-2.5));
    assertEquals("1e-05", PyFormat.repr(1e-5));
    assertEquals("0.0001", PyFormat.repr(1e-4));
    assertEquals("1e+16", PyFormat.repr(1e16));
    assertEquals("1234567890123456.0", PyFormat.repr(1234567890123456.0));
    assertEquals("1.5e-07", PyFormat.repr(1.5e-7));
    assertEquals("0.10000000149011612", PyFormat.repr(0.1f));
    assertEquals("0.0", PyFormat.repr(0.0));
    assertEquals("-0.0", PyFormat.repr(-0.0));
    assertEquals("nan", PyFormat.repr(Double.NaN));
    assertEquals("inf", PyFormat.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PyFormat.repr(Double.NEGATIVE_INFINITY));
  }

  private static String f(Object v, String spec) {
    return PyFormat.formatValue(v, spec, "test");
  }

  @Test
  void formatSpecs() {
    assertEquals("03", f(3, "02d"));
    assertEquals("123", f(123, "02d"));
    assertEquals("-3", f(-3, ""));
    assertEquals("0.1235", f(0.123456, ".4f"));
    assertEquals("0.1", f(0.15, ".1f")); // 0.15 is 0.1499999... in binary
    assertEquals("0.2", f(0.25, ".1f")); // a true tie rounds to even
    assertEquals("2", f(2.5, ".0f"));
    assertEquals("1.23e-03", f(0.00123, ".2e"));
    assertEquals("1.23E+04", f(12345.0, ".2E"));
    assertEquals("0.5", f(0.5, "g"));
    assertEquals("1e-05", f(1e-5, "g"));
    assertEquals("1.23457e+06", f(1234567.0, "g"));
    assertEquals("123457", f(123456.7, "g"));
    assertEquals("12.50%", f(0.125, ".2%"));
    assertEquals("  0.500", f(0.5, "7.3f"));
    assertEquals("0.500  ", f(0.5, "<7.3f"));
    assertEquals("-00.50", f(-0.5, "06.2f"));
    assertEquals("+0.50", f(0.5, "+.2f"));
    assertEquals("**0.5**", f(0.5, "*^7"));
    assertEquals("0.25", f(0.25, ""));
    assertEquals("1.0", f(1.0, ".3"));
    assertEquals("nan", f(Double.NaN, ".4f"));
    assertEquals("3.000", f(3, ".3f"));
  }

  @Test
  void templates() {
    Map<String, Object> values = Map.of("epoch", 3, "val_loss", 0.123456, "loss", 2.0);
    assertEquals(
        "w.03-0.1235.graftw", PyFormat.format("w.{epoch:02d}-{val_loss:.4f}.graftw", values));
    assertEquals("{3} 2.0", PyFormat.format("{{{epoch}}} {loss}", values));
  }

  @Test
  void templateErrors() {
    Map<String, Object> values = Map.of("epoch", 3, "loss", 2.0);
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> PyFormat.format("{val_loss:.2f}", values));
    assertTrue(missing.getMessage().contains("{val_loss:.2f}"), missing.getMessage());
    assertTrue(missing.getMessage().contains("[epoch, loss]"), missing.getMessage());
    IllegalArgumentException intOnFloat =
        assertThrows(IllegalArgumentException.class, () -> PyFormat.format("{loss:02d}", values));
    assertTrue(intOnFloat.getMessage().contains("'d'"), intOnFloat.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PyFormat.format("{epoch", values));
    assertThrows(IllegalArgumentException.class, () -> PyFormat.format("a}b", values));
    assertThrows(IllegalArgumentException.class, () -> PyFormat.format("{epoch:q}", values));
  }
}
