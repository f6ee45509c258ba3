package io.chatvideo.recording.http.objects;

import java.nio.channels.ReadableByteChannel;

/**
 * A download response body: exactly {@code length} bytes from an open channel, which the writer
 * closes when the response ends. {@link FileDownloadWriter} sends it.
 */
record FileDownload(ReadableByteChannel channel, long length) {}
