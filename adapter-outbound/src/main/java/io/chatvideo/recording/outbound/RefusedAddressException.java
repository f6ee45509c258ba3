package io.chatvideo.recording.outbound;

import java.net.UnknownHostException;

/**
 * A lookup the guard refused (a private, link-local or, unless allowed, loopback address); an
 * {@link UnknownHostException} so HttpClient stops before it connects. The message names the host
 * and the address: for the operator's log, not for a caller's user.
 */
public final class RefusedAddressException extends UnknownHostException {

  RefusedAddressException(String message) {
    super(message);
  }
}
