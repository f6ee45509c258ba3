// Generated from recording-core's ContentType, the one table of media types and file extensions,
// by adapter-http's WebClientContentTypesTest: do not edit; bin/refresh-contract rewrites it.

/** The file extension of each media type a recording may have, in order of preference. */
export const FILE_EXTENSIONS = {
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'audio/webm': 'webm',
  'audio/mp4': 'm4a',
} as const;
