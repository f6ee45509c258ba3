package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.port.out.UploadLedger;

class InMemoryUploadLedgerTest extends UploadLedgerContract {

  @Override
  protected UploadLedger ledger() {
    return new InMemoryUploadLedger();
  }
}
