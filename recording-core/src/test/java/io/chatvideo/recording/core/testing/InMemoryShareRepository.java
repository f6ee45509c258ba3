package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareTokenHash;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Share links in a map, for unit tests of the core. */
public final class InMemoryShareRepository implements ShareRepository {

  private final Map<ShareId, Share> rows = new LinkedHashMap<>();

  @Override
  public synchronized void insert(Share share) {
    if (rows.containsKey(share.id()) || findByTokenHash(share.tokenHash()).isPresent()) {
      throw new ConflictException("share " + share.id() + " exists");
    }
    rows.put(share.id(), share);
  }

  @Override
  public synchronized Optional<Share> findByTokenHash(ShareTokenHash hash) {
    return rows.values().stream().filter(s -> s.tokenHash().equals(hash)).findFirst();
  }

  @Override
  public synchronized List<Share> listByRecording(RecordingId recordingId) {
    return rows.values().stream().filter(s -> s.recordingId().equals(recordingId))
        .sorted(Comparator.comparing(Share::createdAt).thenComparing(s -> s.id().value())).toList();
  }

  @Override
  public synchronized boolean revoke(RecordingId recordingId, ShareId id) {
    Share share = rows.get(id);
    if (share == null || !share.recordingId().equals(recordingId)) {
      return false;
    }
    rows.put(id, new Share(share.id(), share.recordingId(), share.tokenHash(), share.createdAt(), share.expiresAt(),
        share.passcodeHash(), share.allowDownload(), true, share.views()));
    return true;
  }

  @Override
  public synchronized void countView(Share share) {
    rows.computeIfPresent(share.id(), (k, s) -> new Share(s.id(), s.recordingId(), s.tokenHash(), s.createdAt(), s.expiresAt(),
        s.passcodeHash(), s.allowDownload(), s.revoked(), s.views() + 1));
  }
}
