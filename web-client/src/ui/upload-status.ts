/**
 * `<upload-status>` (`data-testid="upload-status"`): upload progress, then success or the
 * "Failed to upload recording" message with a link to the locally saved file
 * (`data-testid="local-recording-link"`). `data-state` is `idle`, `uploading`, `uploaded` or `failed`.
 */
export class UploadStatusElement extends HTMLElement {
  private readonly message = document.createElement('span');
  private readonly bar = document.createElement('progress');
  private readonly link = document.createElement('a');

  constructor() {
    super();
    this.bar.max = 1;
    this.link.dataset.testid = 'local-recording-link';
    this.link.textContent = '💾 Save recording';
  }

  connectedCallback(): void {
    this.dataset.testid ??= 'upload-status';
    if (!this.message.isConnected) {
      this.append(this.message, this.bar, this.link);
      this.reset();
    }
  }

  /** Hides everything. */
  reset(): void {
    this.show('idle', '');
  }

  /** Shows bytes sent so far. */
  progress(sent: number, total: number): void {
    const fraction = total > 0 ? Math.min(1, sent / total) : 0;
    this.show('uploading', `📤 Uploading recording... ${Math.round(fraction * 100)}%`);
    this.bar.hidden = false;
    this.bar.value = fraction;
  }

  /** Shows the seed's success message. */
  succeeded(): void {
    this.show('uploaded', '✅ Recording uploaded successfully!');
  }

  /**
   * Shows the failure and offers the file saved locally at `url`; without `url` (the server holds
   * parts the page no longer has) says that it will be tried again.
   */
  failed(url: string | undefined, filename: string): void {
    if (url === undefined) {
      this.show('failed', '❌ Failed to upload recording: it stays in this browser and is tried again');
      return;
    }
    this.show('failed', '❌ Failed to upload recording');
    this.link.href = url;
    this.link.download = filename;
    this.link.hidden = false;
  }

  private show(state: string, text: string): void {
    this.dataset.state = state;
    this.message.textContent = text;
    this.bar.hidden = true;
    this.link.hidden = true;
  }
}
