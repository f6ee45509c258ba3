package io.chatvideo.recording.http.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange written byte for byte on a socket, for what {@code java.net.http} will not
 * send: a forged {@code Host}, a hand-made chunked body. Answers the status line and headers.
 */
public final class RawHttp {

  private RawHttp() {}

  /** Sends {@code head} (request line and headers, CRLF-separated, no blank line) and {@code body} as given. */
  public static String exchange(URI server, String head, byte[] body) {
    return exchangeFrom(null, server, head, body);
  }

  /**
   * The same from the local address {@code from} (any loopback address 127.x.y.z on Linux), so a
   * server sees requests from several peers; {@code null} lets the system choose.
   */
  public static String exchangeFrom(InetAddress from, URI server, String head, byte[] body) {
    try (Socket socket = new Socket(InetAddress.getByName(server.getHost()), server.getPort(), from, 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1_000_000; ) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code bytes} in chunks of {@code chunkSize}, with the terminating zero chunk. */
  public static byte[] chunked(byte[] bytes, int chunkSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int offset = 0; offset < bytes.length; offset += chunkSize) {
      int n = Math.min(chunkSize, bytes.length - offset);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, offset, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The status code of a raw answer. */
  public static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }
}
