package io.chatvideo.recording.wiring;

import io.chatvideo.recording.core.domain.DurationText;
import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads declared {@link Setting}s from a source, each type one way (durations in {@link DurationText}'s
 * grammar), each refusal a {@link SettingException}: the composition's settings here, the server's
 * own (auth, limits, shares) in adapter-http, through the same reader.
 */
public final class SettingReader {

  private final SettingsSource source;

  public SettingReader(SettingsSource source) {
    this.source = source;
  }

  /** The given value, else the value given under a former name ({@link Setting#FORMER_NAMES}), else the default. */
  public Optional<String> text(Setting setting) {
    return source.value(givenAs(setting)).or(setting::defaultValue);
  }

  /** The key {@code setting}'s value comes from: its own, unless only a former name of it is set. */
  public String givenAs(Setting setting) {
    if (source.value(setting.key()).isPresent()) {
      return setting.key();
    }
    return Setting.FORMER_NAMES.entrySet().stream().filter(former -> former.getValue().equals(setting))
        .map(former -> former.getKey().key()).filter(key -> source.value(key).isPresent()).findFirst()
        .orElse(setting.key());
  }

  /** The value given, under its name or a former one; never the default. */
  public Optional<String> given(Setting setting) {
    return source.value(givenAs(setting));
  }

  public String required(Setting setting, String why) {
    return text(setting).orElseThrow(() -> new SettingException(setting.key(), why));
  }

  public Duration duration(Setting setting) {
    String text = text(setting).orElseThrow();
    return DurationText.parse(text).orElseThrow(() -> notA(setting, text, DurationText.EXPECTED));
  }

  public List<Duration> durations(Setting setting) {
    List<Duration> durations = new ArrayList<>();
    for (String part : text(setting).orElseThrow().split(",")) {
      durations.add(DurationText.parse(part).orElseThrow(() -> notA(setting, part.strip(),
          "a comma-separated list of durations such as 5s,5m,1h,1d")));
    }
    return durations;
  }

  public Optional<Boolean> optionalBoolean(Setting setting) {
    return text(setting).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw notA(setting, text, "true or false");
    });
  }

  public boolean bool(Setting setting) {
    return optionalBoolean(setting).orElseThrow();
  }

  public int integer(Setting setting, int min, int max) {
    long value = whole(setting);
    if (value < min || value > max) {
      throw new SettingException(givenAs(setting), "must be " + min + " to " + max + ", was " + value);
    }
    return (int) value;
  }

  public Optional<URI> url(Setting setting) {
    return text(setting).map(text -> {
      try {
        return HttpUrl.parse(text).uri();
      } catch (IllegalArgumentException e) {
        throw notA(setting, text, "a URL like http://127.0.0.1:9000");
      }
    });
  }

  public Path path(Setting setting) {
    String text = text(setting).orElseThrow();
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw notA(setting, text, "a path");
    }
  }

  /** {@code build}'s value, or its {@code IllegalArgumentException} as a refusal of {@code setting}. */
  public static <T> T checked(Setting setting, Supplier<T> build) {
    return checked(setting.key(), build);
  }

  public static <T> T checked(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (SettingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SettingException(key, e.getMessage());
    }
  }

  public static void positive(Setting setting, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new SettingException(setting.key(), "must be positive, was " + value);
    }
  }

  /** A whole number of at least {@code min}. */
  public int integer(Setting setting, int min) {
    long value = whole(setting);
    if (value < min || value > Integer.MAX_VALUE) {
      throw new SettingException(setting.key(), "must be at least " + min + ", was " + value);
    }
    return (int) value;
  }

  /** A whole number, such as a count of bytes; its range is the policy's to check. */
  public long whole(Setting setting) {
    String text = text(setting).orElseThrow();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw notA(setting, text, "a whole number");
    }
  }

  /** The comma-separated values, each stripped; none when unset. */
  public List<String> list(Setting setting) {
    return text(setting).stream().flatMap(text -> Arrays.stream(text.split(","))).map(String::strip)
        .filter(part -> !part.isEmpty()).toList();
  }

  /** One of {@code type}'s constants, by name in any case; refused as not what the setting takes. */
  public <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
    String text = text(setting).orElseThrow();
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw notA(setting, text, setting.takes());
    }
  }

  private SettingException notA(Setting setting, String text, String expected) {
    return new SettingException(givenAs(setting), "'" + text + "' is not " + expected);
  }
}
