/*
 * Test stand-in (never shipped): a WebKitGTK browser for WebKitWebDriver with a normal,
 * persistent data store, as a Safari window that is not private.
 *
 * `MiniBrowser --automation` always uses an ephemeral data store (like Safari Private Browsing).
 * This host keeps the website data (IndexedDB among it) in the directory named by its first
 * argument other than `--automation`, allows automation, answers the driver's `create-web-view`,
 * turns on media capture with WebKit's mock camera and microphone, and grants capture permission
 * (as MiniBrowser does under automation). The test harness compiles it
 * (test/support/webkit/standins.ts) and passes it to the driver as the browser binary.
 */
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

static WebKitWebContext *context;

static gboolean allow (WebKitWebView *view, WebKitPermissionRequest *request, gpointer data) {
  webkit_permission_request_allow (request);
  return TRUE;
}

static WebKitWebView *create_web_view (WebKitAutomationSession *session, gpointer data) {
  WebKitSettings *settings = webkit_settings_new_with_settings (
      "enable-media-stream", TRUE, "enable-mock-capture-devices", TRUE, "enable-webaudio", TRUE,
      "enable-developer-extras", TRUE, "media-playback-requires-user-gesture", FALSE, NULL);
  WebKitWebView *view = WEBKIT_WEB_VIEW (g_object_new (WEBKIT_TYPE_WEB_VIEW, "web-context", context,
      "settings", settings, "is-controlled-by-automation", TRUE, NULL));
  g_signal_connect (view, "permission-request", G_CALLBACK (allow), NULL);
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_container_add (GTK_CONTAINER (window), GTK_WIDGET (view));
  gtk_widget_show_all (window);
  return view;
}

static void automation_started (WebKitWebContext *ctx, WebKitAutomationSession *session, gpointer data) {
  WebKitApplicationInfo *info = webkit_application_info_new ();
  webkit_application_info_set_name (info, "call-recordings-persistent-host");
  webkit_application_info_set_version (info, WEBKIT_MAJOR_VERSION, WEBKIT_MINOR_VERSION, WEBKIT_MICRO_VERSION);
  webkit_automation_session_set_application_info (session, info);
  webkit_application_info_unref (info);
  g_signal_connect (session, "create-web-view", G_CALLBACK (create_web_view), NULL);
}

int main (int argc, char **argv) {
  gtk_init (&argc, &argv);
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (g_strcmp0 (argv[i], "--automation") != 0) dir = argv[i];
  }
  if (dir == NULL) {
    g_printerr ("usage: persistent-host DATA_DIR [--automation]\n");
    return 2;
  }
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  WebKitWebsiteDataManager *manager = webkit_website_data_manager_new ("base-data-directory", data, "base-cache-directory", cache, NULL);
  context = webkit_web_context_new_with_website_data_manager (manager);
  webkit_web_context_set_automation_allowed (context, TRUE);
  g_signal_connect (context, "automation-started", G_CALLBACK (automation_started), NULL);
  g_print ("persistent-host: website data in %s (persistent: %s)\n", data,
      webkit_website_data_manager_is_ephemeral (manager) ? "no" : "yes");
  gtk_main ();
  return 0;
}
