package io.chatvideo.recording.cli;

import io.chatvideo.recording.cli.config.Environment;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Gives commands and mixins that ask for it the {@link Environment}; everything else picocli builds itself. */
final class CommandFactory implements CommandLine.IFactory {

  private final Environment environment;

  CommandFactory(Environment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    try {
      Constructor<K> constructor = type.getDeclaredConstructor(Environment.class);
      // Commands are package-private in their own packages: only this factory builds them.
      constructor.setAccessible(true);
      return constructor.newInstance(environment);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
  }
}
