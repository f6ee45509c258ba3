package io.chatvideo.recording.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven wrote into {@code recordings-cli.properties} at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/recordings-cli.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
        "recordings " + properties.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
