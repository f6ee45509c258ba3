package io.chatvideo.recording.cli.transfer;

import io.chatvideo.recording.cli.client.RequestFailure;
import io.chatvideo.recording.cli.terminal.CliException;

/**
 * The storage refused a presigned URL (HTTP 403), most likely because it expired while its turn
 * came: worth one more try with a URL signed afresh, which is what the web client does too.
 */
final class RefusedUrl extends CliException {

  RefusedUrl(String message, RequestFailure cause) {
    super(message, cause);
  }

  static boolean refused(RuntimeException failure) {
    return failure instanceof RequestFailure request && request.status().orElse(0) == 403;
  }

  /** The retry policy's rule, plus: a refused URL is signed again and tried again. */
  static boolean retryable(Throwable failure) {
    return failure instanceof RefusedUrl || RetryPolicy.retryable(failure);
  }
}
