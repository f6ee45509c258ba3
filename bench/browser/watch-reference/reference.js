// The bench's reference page: a plain <video> of the presigned media URL given as ?src=, with the
// same attributes as the watch page's, so the only difference left is the watch page's own work.
const video = document.querySelector('video');
const source = document.createElement('source');
source.src = new URLSearchParams(location.search).get('src');
source.type = new URLSearchParams(location.search).get('type') ?? 'video/mp4';
video.append(source);
