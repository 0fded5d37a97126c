package dev.graft.saving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The comparison the golden tests rely on must itself find differences. */
class JsonDiffTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode j(String s) throws Exception {
    return M.readTree(s.replace('\'', '"'));
  }

  @Test
  void reportsThePathOfTheFirstDifference() throws Exception {
    assertNull(JsonDiff.firstDifference(j("{'a':[1,{'b':0.5}]}"), j("{'a':[1,{'b':0.5}]}")));
    assertEquals(
        "$.a[1].b: expected 0.5, got 0.25",
        JsonDiff.firstDifference(j("{'a':[1,{'b':0.5}]}"), j("{'a':[1,{'b':0.25}]}")));
    assertEquals(
        "$: keys differ, missing [b], unexpected [c]",
        JsonDiff.firstDifference(j("{'a':1,'b':2}"), j("{'a':1,'c':2}")));
    assertEquals(
        "$.a: expected 2 elements, got 1",
        JsonDiff.firstDifference(j("{'a':[1,2]}"), j("{'a':[1]}")));
    assertEquals(
        "$.a: expected null, got \"x\"", JsonDiff.firstDifference(j("{'a':null}"), j("{'a':'x'}")));
    assertEquals(
        "$.a: expected true, got false",
        JsonDiff.firstDifference(j("{'a':true}"), j("{'a':false}")));
  }

  @Test
  void numbersCompareAsFloat32() throws Exception {
    // Keras's double 1/127.5 and graft's float 1f/127.5f.
    assertNull(JsonDiff.firstDifference(j("[0.00784313725490196]"), j("[0.007843138]")));
    assertNull(JsonDiff.firstDifference(j("[255]"), j("[255.0]")));
    assertEquals(
        "$[0]: expected 0.0078431, got 0.007843138",
        JsonDiff.firstDifference(j("[0.0078431]"), j("[0.007843138]")));
  }
}
