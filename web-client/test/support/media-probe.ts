import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a test needs to know about a recorded file, measured by ffprobe and ffmpeg. */
export interface MediaProbe {
  readonly formatName: string;
  /** The container's Duration in s, `undefined` when it has none (`N/A`: MediaRecorder's raw WebM). */
  readonly durationSeconds: number | undefined;
  readonly videoStreams: readonly { codec: string; width: number; height: number }[];
  readonly audioStreams: readonly { codec: string; channels: number }[];
  /** Time of the last video packet, in s (MediaRecorder's WebM has no Duration header). */
  readonly lastVideoPacketSeconds: number;
  /** The longest time between two consecutive video packets, in s: a hole in the picture. */
  readonly longestVideoGapSeconds: number;
  /**
   * Where the first audio stream ends (its last packet's time plus duration), in s; 0 without
   * audio. Audio is timed by its samples, so this is the file's length whatever frame rate the
   * browser drew the video at (WebKitGTK stamps fewer frames than a second's worth).
   */
  readonly audioEndSeconds: number;
  /** Loudest sample of the first audio stream in dBFS; about -91 for digital silence. */
  readonly maxVolumeDb: number;
  readonly meanVolumeDb: number;
}

interface FfprobeStream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
  channels?: number;
}

/** Probes a media file with ffprobe (streams, last packet time) and ffmpeg's volumedetect filter. */
export async function probeMedia(file: string): Promise<MediaProbe> {
  const probe = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
  const info = JSON.parse(probe.stdout) as { streams: FfprobeStream[]; format: { format_name: string; duration?: string } };
  const packets = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const times = packets.stdout
    .split('\n')
    .map((line) => Number.parseFloat(line))
    .filter((time) => Number.isFinite(time));
  const audioPackets = await run('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const audioEnds = audioPackets.stdout
    .split('\n')
    .map((line) => line.split(',').map((field) => Number.parseFloat(field)))
    .filter(([pts]) => Number.isFinite(pts))
    .map(([pts = 0, duration]) => pts + (Number.isFinite(duration) ? (duration ?? 0) : 0));
  const sorted = [...times].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((time, index) => time - (sorted[index] ?? time));
  const volume = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:a:0', '-af', 'volumedetect', '-f', 'null', '-']);
  return {
    formatName: info.format.format_name,
    durationSeconds: info.format.duration === undefined ? undefined : Number.parseFloat(info.format.duration),
    videoStreams: info.streams
      .filter((s) => s.codec_type === 'video')
      .map((s) => ({ codec: s.codec_name, width: s.width ?? 0, height: s.height ?? 0 })),
    audioStreams: info.streams.filter((s) => s.codec_type === 'audio').map((s) => ({ codec: s.codec_name, channels: s.channels ?? 0 })),
    lastVideoPacketSeconds: times.length === 0 ? 0 : Math.max(...times),
    longestVideoGapSeconds: gaps.length === 0 ? 0 : Math.max(...gaps),
    audioEndSeconds: audioEnds.length === 0 ? 0 : Math.max(...audioEnds),
    maxVolumeDb: decibels(volume.stderr, 'max_volume'),
    meanVolumeDb: decibels(volume.stderr, 'mean_volume'),
  };
}

/** Decodes every frame of `file`; rejects with ffmpeg's errors if any packet does not decode. Returns the video frame count. */
export async function decodeAll(file: string): Promise<number> {
  const { stdout, stderr } = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  if (stderr.trim() !== '') {
    throw new Error(`ffprobe could not decode ${file}:\n${stderr}`);
  }
  return Number.parseInt(stdout.trim(), 10);
}

function decibels(volumedetectOutput: string, key: string): number {
  const match = new RegExp(`${key}: (-?[\\d.]+|-inf) dB`).exec(volumedetectOutput);
  if (match?.[1] === undefined) {
    throw new Error(`ffmpeg volumedetect printed no ${key}:\n${volumedetectOutput}`);
  }
  return match[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number.parseFloat(match[1]);
}

/** A point of a video frame, in pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The RGB colours at `points` of the video frame shown at `seconds`, decoded by ffmpeg. */
export async function pixelsAt(file: string, seconds: number, frameWidth: number, points: readonly Point[]): Promise<[number, number, number][]> {
  const frame = await run('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return points.map(({ x, y }) => {
    const offset = (y * frameWidth + x) * 3;
    return [frame.stdout[offset] ?? 0, frame.stdout[offset + 1] ?? 0, frame.stdout[offset + 2] ?? 0];
  });
}

/** The mean colour of every video frame, in order: what the picture showed, frame by frame. */
export async function frameColours(file: string): Promise<[number, number, number][]> {
  const frames = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', 'scale=1:1:flags=area', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const colours: [number, number, number][] = [];
  for (let offset = 0; offset + 2 < frames.stdout.length; offset += 3) {
    colours.push([frames.stdout[offset] ?? 0, frames.stdout[offset + 1] ?? 0, frames.stdout[offset + 2] ?? 0]);
  }
  return colours;
}

/**
 * Mean level in dBFS of the first audio stream through a narrow band-pass at each frequency: a
 * tone at that frequency reads tens of dB above a band where nothing plays.
 */
export async function toneLevels(file: string, frequencies: readonly number[], channel?: number): Promise<number[]> {
  const levels = [];
  for (const frequency of frequencies) {
    // One channel alone (`pan`) when asked, else ffmpeg's downmix of all.
    const only = channel === undefined ? '' : `pan=mono|c0=c${channel},`;
    const filter = `${only}bandpass=f=${frequency}:width_type=q:w=20,bandpass=f=${frequency}:width_type=q:w=20,volumedetect`;
    const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:a:0', '-af', filter, '-f', 'null', '-']);
    levels.push(decibels(stderr, 'mean_volume'));
  }
  return levels;
}

/**
 * The stretches (start and end in s) where ffmpeg's `freezedetect` finds the video still for
 * longer than `minSeconds` (noise tolerance -60 dB: a still frame decodes identically, while a
 * small square moving on a still background already differs by more).
 */
export async function frozenStretches(file: string, minSeconds: number): Promise<{ start: number; end: number }[]> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:v:0', '-vf', `freezedetect=n=-60dB:d=${minSeconds}`, '-f', 'null', '-']);
  const starts = [...stderr.matchAll(/freeze_start: ([\d.]+)/g)].map((m) => Number.parseFloat(m[1] ?? '0'));
  const ends = [...stderr.matchAll(/freeze_end: ([\d.]+)/g)].map((m) => Number.parseFloat(m[1] ?? '0'));
  return starts.map((start, index) => ({ start, end: ends[index] ?? Number.POSITIVE_INFINITY }));
}

/**
 * Distinct video frames per second between `start` and `end` (s): the frames that ffmpeg's
 * `mpdecimate` keeps (it drops a frame that barely differs from the one before), per second.
 */
export async function distinctFramesPerSecond(file: string, start: number, end: number): Promise<number> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', `trim=start=${start}:end=${end},mpdecimate`, '-fps_mode', 'vfr', '-f', 'framemd5', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const frames = stdout.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  return frames / (end - start);
}
