/*
 * Test stand-in (never shipped): an `autovideoflip` element for GStreamer 1.22.
 *
 * WebKitGTK 2.50's MediaRecorder builds its video branch with `autovideoflip`, which GStreamer
 * added in 1.24; Debian 12 ships 1.22, where every MediaRecorder with a video track then yields
 * 0 bytes. This bin holds `videoconvert ! videoflip` under that name, and forwards the
 * `video-direction` property WebKit sets to the `videoflip` inside. The test harness compiles it
 * (test/support/webkit/standins.ts) and puts it on GST_PLUGIN_PATH for the WebKit runs only.
 */
#include <gst/gst.h>
#include <gst/video/video.h>

#define PACKAGE "callrecordingsstandin"

typedef struct { GstBin parent; GstElement *flip; } AutoVideoFlip;
typedef struct { GstBinClass parent_class; } AutoVideoFlipClass;

G_DEFINE_TYPE (AutoVideoFlip, auto_video_flip, GST_TYPE_BIN)

enum { PROP_0, PROP_VIDEO_DIRECTION };

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS ("video/x-raw(ANY)"));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS ("video/x-raw(ANY)"));

static void set_property (GObject *object, guint id, const GValue *value, GParamSpec *spec) {
  AutoVideoFlip *self = (AutoVideoFlip *) object;
  if (id == PROP_VIDEO_DIRECTION) g_object_set_property (G_OBJECT (self->flip), "video-direction", value);
  else G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, spec);
}

static void get_property (GObject *object, guint id, GValue *value, GParamSpec *spec) {
  AutoVideoFlip *self = (AutoVideoFlip *) object;
  if (id == PROP_VIDEO_DIRECTION) g_object_get_property (G_OBJECT (self->flip), "video-direction", value);
  else G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, spec);
}

static void auto_video_flip_init (AutoVideoFlip *self) {
  GstElement *convert = gst_element_factory_make ("videoconvert", NULL);
  self->flip = gst_element_factory_make ("videoflip", NULL);
  gst_bin_add_many (GST_BIN (self), convert, self->flip, NULL);
  gst_element_link (convert, self->flip);
  GstPad *sink = gst_element_get_static_pad (convert, "sink");
  GstPad *src = gst_element_get_static_pad (self->flip, "src");
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new_from_template ("sink", sink, gst_static_pad_template_get (&sink_template)));
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new_from_template ("src", src, gst_static_pad_template_get (&src_template)));
  gst_object_unref (sink);
  gst_object_unref (src);
}

static void auto_video_flip_class_init (AutoVideoFlipClass *klass) {
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  object_class->set_property = set_property;
  object_class->get_property = get_property;
  g_object_class_install_property (object_class, PROP_VIDEO_DIRECTION,
      g_param_spec_enum ("video-direction", "Video direction", "As videoflip's", GST_TYPE_VIDEO_ORIENTATION_METHOD,
          GST_VIDEO_ORIENTATION_IDENTITY, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Video flip (test stand-in)", "Filter/Converter/Video",
      "videoconvert ! videoflip under the name of GStreamer 1.24's autovideoflip", "call-recordings tests");
}

static gboolean plugin_init (GstPlugin *plugin) {
  return gst_element_register (plugin, "autovideoflip", GST_RANK_NONE, auto_video_flip_get_type ());
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, autovideoflipstandin, "autovideoflip stand-in for tests",
    plugin_init, "1.0", "LGPL", PACKAGE, "https://github.com/")
