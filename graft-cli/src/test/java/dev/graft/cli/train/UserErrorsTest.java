package dev.graft.cli.train;

import static dev.graft.cli.GraftCommandTest.graft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.GraftCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error a user can cause: one sentence on standard error, exit code 2, no stack trace. */
class UserErrorsTest {
  @TempDir Path tmp;

  private static void oneSentence(Run r, String expected) {
    assertEquals(2, r.code(), r.err() + r.out());
    assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertTrue(r.err().startsWith("graft: "), r.err());
    assertTrue(r.err().strip().endsWith("."), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
  }

  @Test
  void missingDataFolder() {
    Path missing = tmp.resolve("nope");
    oneSentence(
        graft("train", "--data", missing.toString(), "--out", tmp.resolve("m.keras").toString()),
        "--data " + missing + ": no such folder");
    oneSentence(graft("preview", "--data", missing.toString()), "no such folder");
    Run debug =
        graft(
            "--debug",
            "train",
            "--data",
            missing.toString(),
            "--out",
            tmp.resolve("m.keras").toString());
    assertEquals(2, debug.code());
    assertTrue(debug.err().contains("\tat dev.graft.cli.DataFolder"), debug.err());
  }

  @Test
  void folderWithOneClass() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("one").resolve("cats"));
    Files.write(data.resolve("a.png"), new byte[] {1});
    oneSentence(
        graft(
            "train",
            "--data",
            data.getParent().toString(),
            "--out",
            tmp.resolve("m.keras").toString()),
        "has one class (cats); put each class's images in its own subfolder, at least two classes");
  }

  @Test
  void unreadableModelFile() throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.keras"), "not a zip");
    oneSentence(graft("summary", broken.toString()), "cannot read the model file " + broken);
    oneSentence(
        graft("predict", "--model", broken.toString(), tmp.toString()),
        "cannot read the model file " + broken);
    oneSentence(
        graft("summary", tmp.resolve("missing.keras").toString()),
        "missing.keras: no such model file");
  }

  private Path twoClasses() throws Exception {
    for (String c : new String[] {"a", "b"}) {
      Files.createDirectories(tmp.resolve("data").resolve(c));
    }
    return tmp.resolve("data");
  }

  @Test
  void imageSizeTheBaseDoesNotAccept() throws Exception {
    Run r =
        graft(
            "train",
            "--data",
            twoClasses().toString(),
            "--base",
            "xception",
            "--weights",
            "none",
            "--image-size",
            "32",
            "--out",
            tmp.resolve("m.keras").toString());
    oneSentence(r, "--base xception with --image-size 32: ");
  }

  @Test
  void noWeightsOffline() throws Exception {
    Path data = twoClasses();
    String[] keys = {"graft.offline", "graft.home", "user.home"};
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    // An empty graft cache and Keras cache, downloads off (KERAS_HOME, when set, is not changed).
    System.setProperty("graft.offline", "true");
    System.setProperty("graft.home", tmp.resolve("graft-home").toString());
    System.setProperty("user.home", tmp.resolve("home").toString());
    try {
      if (System.getenv("KERAS_HOME") != null) {
        return;
      }
      Run r =
          graft(
              "train",
              "--data",
              data.toString(),
              "--base",
              "mobilenetv2",
              "--weights",
              "imagenet",
              "--image-size",
              "96",
              "--out",
              tmp.resolve("m.keras").toString());
      oneSentence(r, "--weights imagenet: ");
      assertTrue(r.err().contains("downloads are off"), r.err());
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  @Test
  void badOptionsOfTrain() throws Exception {
    Path data = twoClasses();
    oneSentence(
        graft(
            "train",
            "--data",
            data.toString(),
            "--base",
            "alexnet",
            "--out",
            tmp.resolve("m.keras").toString()),
        "--base alexnet: not a known base");
    oneSentence(
        graft(
            "train",
            "--data",
            data.toString(),
            "--augment",
            "blur",
            "--out",
            tmp.resolve("m.keras").toString()),
        "unknown augmentation 'blur'");
    oneSentence(
        graft("train", "--data", data.toString(), "--out", tmp.resolve("m.h5").toString()),
        "must end in .keras");
    oneSentence(
        graft("train", "--resume", "--out", tmp.resolve("m.keras").toString()),
        "--resume: no state file");
  }
}
