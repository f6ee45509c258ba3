package io.chatvideo.recording.wiring;

import io.chatvideo.recording.core.domain.DurationText;
import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads declared {@link Setting}s from a source, each type one way, each refusal a {@link SettingException}. */
final class SettingReader {

  private final SettingsSource source;

  SettingReader(SettingsSource source) {
    this.source = source;
  }

  /** The given value, else the default. */
  Optional<String> text(Setting setting) {
    return source.value(setting.key()).or(setting::defaultValue);
  }

  String required(Setting setting, String why) {
    return text(setting).orElseThrow(() -> new SettingException(setting.key(), why));
  }

  Duration duration(Setting setting) {
    String text = text(setting).orElseThrow();
    return DurationText.parse(text).orElseThrow(() -> notA(setting, text, DurationText.EXPECTED));
  }

  List<Duration> durations(Setting setting) {
    List<Duration> durations = new ArrayList<>();
    for (String part : text(setting).orElseThrow().split(",")) {
      durations.add(DurationText.parse(part).orElseThrow(() -> notA(setting, part.strip(),
          "a comma-separated list of durations such as 5s,5m,1h,1d")));
    }
    return durations;
  }

  Optional<Boolean> optionalBoolean(Setting setting) {
    return text(setting).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw notA(setting, text, "true or false");
    });
  }

  boolean bool(Setting setting) {
    return optionalBoolean(setting).orElseThrow();
  }

  int integer(Setting setting, int min, int max) {
    String text = text(setting).orElseThrow();
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw notA(setting, text, "a whole number");
    }
    if (value < min || value > max) {
      throw new SettingException(setting.key(), "must be " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  Optional<URI> url(Setting setting) {
    return text(setting).map(text -> {
      try {
        return HttpUrl.parse(text).uri();
      } catch (IllegalArgumentException e) {
        throw notA(setting, text, "a URL like http://127.0.0.1:9000");
      }
    });
  }

  Path path(Setting setting) {
    String text = text(setting).orElseThrow();
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw notA(setting, text, "a path");
    }
  }

  /** {@code build}'s value, or its {@code IllegalArgumentException} as a refusal of {@code setting}. */
  static <T> T checked(Setting setting, Supplier<T> build) {
    return checked(setting.key(), build);
  }

  static <T> T checked(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (SettingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SettingException(key, e.getMessage());
    }
  }

  static void positive(Setting setting, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new SettingException(setting.key(), "must be positive, was " + value);
    }
  }

  private static SettingException notA(Setting setting, String text, String expected) {
    return new SettingException(setting.key(), "'" + text + "' is not " + expected);
  }
}
