package io.chatvideo.recording.http.objects;

import io.micronaut.buffer.netty.NettyReadBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.http.codec.CodecException;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a {@link FileDownload} as a stream of pooled direct buffers of {@link #CHUNK_BYTES}, each
 * read from the file only when Netty asks for the next one: memory stays at a few chunks whatever
 * the object's size, the bytes go from the file into the buffer the socket is written from without
 * passing through the heap, and the reads run on the blocking pool, never on an event loop. The
 * body declares its length, so the response keeps its {@code Content-Length}. A read that fails
 * ends the stream with the error, which aborts the response: a short download must not look
 * complete.
 *
 * <p>Micronaut's own {@code StreamedFile} reads an {@code InputStream} 8 KiB at a time into fresh
 * heap arrays; for a 1 GiB download that was a sixth of the disk's speed and 100–200 MiB of RSS.
 */
@Singleton
final class FileDownloadWriter implements ResponseBodyWriter<FileDownload> {

  static final int CHUNK_BYTES = 1024 * 1024;

  private static final NettyReadBufferFactory BUFFERS = NettyReadBufferFactory.of(PooledByteBufAllocator.DEFAULT);

  private final Scheduler blocking;

  FileDownloadWriter(@Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.blocking = Schedulers.fromExecutorService(blocking);
  }

  @Override
  public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
      Argument<FileDownload> type, MediaType mediaType, FileDownload download) {
    return bodyFactory.adapt(chunks(download).map(BUFFERS::adapt), OptionalLong.of(download.length()));
  }

  @Override
  public void writeTo(Argument<FileDownload> type, MediaType mediaType, FileDownload download, MutableHeaders headers,
      OutputStream out) {
    try (InputStream in = Channels.newInputStream(download.channel())) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new CodecException("download stopped: " + e.getMessage(), e);
    }
  }

  private Flux<ByteBuf> chunks(FileDownload download) {
    ReadableByteChannel file = download.channel();
    return Flux.<ByteBuf, Long>generate(download::length, (left, sink) -> {
      if (left == 0) {
        sink.complete();
        return left;
      }
      int wanted = (int) Math.min(CHUNK_BYTES, left);
      ByteBuf chunk = PooledByteBufAllocator.DEFAULT.directBuffer(wanted);
      try {
        ByteBuffer window = chunk.nioBuffer(0, wanted);
        while (window.hasRemaining()) {
          if (file.read(window) < 0) {
            throw new IOException("the object ended " + (left - window.position()) + " bytes early");
          }
        }
      } catch (IOException e) {
        chunk.release();
        sink.error(new UncheckedIOException(e));
        return left;
      }
      sink.next(chunk.writerIndex(wanted));
      return left - wanted;
    }, left -> closeQuietly(file)).subscribeOn(blocking, true);
  }

  private static void closeQuietly(ReadableByteChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // The file was only read; closing it cannot lose anything.
    }
  }
}
