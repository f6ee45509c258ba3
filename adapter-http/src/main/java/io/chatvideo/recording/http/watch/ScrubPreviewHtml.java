package io.chatvideo.recording.http.watch;

/**
 * The watch page's scrubbing preview: a seek bar under the video that shows the storyboard's frame
 * for the moment under the pointer (or the thumb, while dragging or stepping with the keys). The
 * storyboard's WebVTT track is a {@code <track kind="metadata">} of the video, so the browser's own
 * WebVTT parser reads it, under the page's {@code media-src} (no {@code connect-src}); the sprite is
 * a CSS background, under {@code img-src}. Both come from the link's stable media routes. One fixed
 * script, allowed by its hash, turns the track on and shows the bar once its cues are in; without
 * the script (or without a storyboard) the bar stays hidden, the track is never fetched, and the
 * page is the plain {@code <video>} with its own controls.
 */
final class ScrubPreviewHtml {

  /**
   * Seeks with {@code change} (a drag's release, an arrow key), previews with {@code input} and
   * pointer moves; the bar follows playback while no one holds it. A cue's sprite address is
   * resolved against the track's, so it keeps a passcode link's {@code grant}.
   */
  static final String SCRIPT = "(()=>{const v=document.querySelector('video'),k=document.getElementById('storyboard'),"
      + "s=document.getElementById('scrub');if(!v||!k||!s)return;const b=s.querySelector('input'),"
      + "p=s.querySelector('.scrub-preview'),f=p.querySelector('.scrub-frame'),l=p.querySelector('.scrub-time'),tr=k.track;"
      + "let held=false,over=false;const end=()=>{const c=tr.cues;return Number.isFinite(v.duration)&&v.duration>0?v.duration"
      + ":c&&c.length?c[c.length-1].endTime:0};"
      + "const cue=t=>{const c=tr.cues;if(!c||!c.length)return null;for(let i=0;i<c.length;i++)if(t<c[i].endTime)return c[i];"
      + "return c[c.length-1]};"
      + "const fmt=n=>{n=Math.floor(n);const x=String(n%60).padStart(2,'0'),m=Math.floor(n/60);"
      + "return m>=60?Math.floor(m/60)+':'+String(m%60).padStart(2,'0')+':'+x:m+':'+x};"
      + "const show=t=>{const c=cue(t),m=c&&/#xywh=(\\d+),(\\d+),(\\d+),(\\d+)$/.exec(c.text);if(!m)return;"
      + "const u=new URL(c.text,k.src);u.hash='';f.style.backgroundImage='url(\"'+u.href+'\")';"
      + "f.style.backgroundPosition=-m[1]+'px '+-m[2]+'px';f.style.width=m[3]+'px';f.style.height=m[4]+'px';"
      + "l.textContent=fmt(t);p.dataset.time=String(t);p.hidden=false;const w=b.clientWidth,d=end();"
      + "p.style.left=Math.max(0,Math.min(w-Number(m[3]),(d>0?t/d:0)*w-Number(m[3])/2))+'px'};"
      + "const hide=()=>{if(!held&&!over&&document.activeElement!==b)p.hidden=true};"
      + "const at=e=>{const r=b.getBoundingClientRect();return Math.max(0,Math.min(1,(e.clientX-r.left)/r.width))*end()};"
      + "const ready=()=>{if(!tr.cues||!tr.cues.length)return;b.max=String(end());b.value=String(v.currentTime);s.hidden=false};"
      + "b.addEventListener('pointermove',e=>{over=true;if(!held)show(at(e))});"
      + "b.addEventListener('pointerleave',()=>{over=false;hide()});"
      + "b.addEventListener('pointerdown',()=>{held=true});"
      + "addEventListener('pointerup',()=>{if(held){held=false;hide()}});"
      + "b.addEventListener('input',()=>show(Number(b.value)));"
      + "b.addEventListener('change',()=>{v.currentTime=Number(b.value);hide()});"
      + "b.addEventListener('blur',()=>{p.hidden=true});"
      + "v.addEventListener('timeupdate',()=>{if(!held&&document.activeElement!==b)b.value=String(v.currentTime)});"
      + "v.addEventListener('durationchange',()=>{b.max=String(end())});"
      + "k.addEventListener('load',ready);tr.mode='hidden';ready()})();";
  static final String SCRIPT_HASH = "'sha256-" + WatchPage.sha256Base64(SCRIPT) + "'";

  /** What the page's one style sheet adds for the bar and its preview. */
  static final String STYLE = ".scrub{position:relative;margin:.25rem 0}.scrub input{width:100%;margin:0;padding:0}"
      + ".scrub-preview{position:absolute;bottom:100%;margin-bottom:.25rem;background:#000;border:1px solid #555;"
      + "pointer-events:none;text-align:center}.scrub-frame{background-repeat:no-repeat}";

  private ScrubPreviewHtml() {}

  /** The track for the page's {@code <video>}: not loaded until the script asks for it. */
  static String track(String trackUrl) {
    return "<track id=\"storyboard\" kind=\"metadata\" label=\"Storyboard\" src=\"" + WatchPage.escape(trackUrl) + "\">";
  }

  /** The seek bar with its preview, hidden until the script shows it. */
  static String bar() {
    return "<div id=\"scrub\" class=\"scrub\" hidden><div class=\"scrub-preview\" hidden aria-hidden=\"true\">"
        + "<div class=\"scrub-frame\"></div><span class=\"scrub-time\"></span></div>"
        + "<input type=\"range\" min=\"0\" max=\"0\" step=\"1\" value=\"0\" aria-label=\"Seek, with previews\"></div>\n";
  }
}
