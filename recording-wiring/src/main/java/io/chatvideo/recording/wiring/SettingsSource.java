package io.chatvideo.recording.wiring;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code recording.*} settings are read from, by key: the server's Micronaut properties, or
 * a process's environment variables ({@link #environment}), under the names {@link Setting} declares.
 * A blank value counts as unset, as an empty environment variable gives.
 */
@FunctionalInterface
public interface SettingsSource {

  /** The raw text of {@code key} ({@code recording.webhook.timeout}), if set. */
  Optional<String> raw(String key);

  /** The value of {@code key}, unless unset or blank. */
  default Optional<String> value(String key) {
    return raw(key).map(String::strip).filter(text -> !text.isEmpty());
  }

  /** This source, and {@code fallback} for what it does not set. */
  default SettingsSource orElse(SettingsSource fallback) {
    return key -> value(key).or(() -> fallback.value(key));
  }

  /** The settings in {@code variables} under their environment names ({@code RECORDING_WEBHOOK_TIMEOUT}). */
  static SettingsSource environment(Map<String, String> variables) {
    return key -> Optional.ofNullable(variables.get(Setting.environmentVariable(key)));
  }

  /** These values, by key. */
  static SettingsSource of(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }

  /** The variable Micronaut maps onto {@code key}: {@code recording.upload-url-expiry} is {@code RECORDING_UPLOAD_URL_EXPIRY}. */
  static String environmentVariable(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
