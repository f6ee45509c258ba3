package io.chatvideo.recording.http.config;

import io.chatvideo.recording.core.domain.PasscodeGuessLimit;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code recording.shares.*} settings.
 *
 * @param defaultExpiry how long a link lives when the owner does not say (never past the recording's expiry)
 * @param mediaUrlExpiry how long the media URLs of a watch page live: a revoked link's video can be
 *     fetched at most this long after the page was served
 * @param passcodeGuessesPerMinute passcode tries per link and, separately, per client address and minute,
 *     counted in the metadata store so every server on it spends one budget
 */
@ConfigurationProperties("recording.shares")
public record ShareSettings(
    @Bindable(defaultValue = "7d") @NotNull Duration defaultExpiry,
    @Bindable(defaultValue = "5m") @NotNull Duration mediaUrlExpiry,
    @Bindable(defaultValue = "5") int passcodeGuessesPerMinute) {

  /** The core's limit on passcode tries; a bad value stops start-up naming the setting. */
  public PasscodeGuessLimit guesses() {
    try {
      return new PasscodeGuessLimit(passcodeGuessesPerMinute);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.shares.passcode-guesses-per-minute", e.getMessage());
    }
  }

  /** The core's policy; a bad value stops start-up naming the setting. */
  public SharePolicy policy() {
    guesses();
    try {
      new SharePolicy(defaultExpiry, SharePolicy.DEFAULT_MEDIA_TTL);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.shares.default-expiry", e.getMessage());
    }
    try {
      return new SharePolicy(defaultExpiry, mediaUrlExpiry);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.shares.media-url-expiry", e.getMessage());
    }
  }
}
