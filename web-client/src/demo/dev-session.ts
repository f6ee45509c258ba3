import { RecordingsApi } from '../upload/recordings-api';

/** Where the demo and the library page keep the dev sign-in, per tab: signing in on one serves both. */
const TOKEN_KEY = 'call-recordings.token';
const EMAIL_KEY = 'call-recordings.email';

/** The tab's dev sign-in, if any. */
export function storedSession(): { readonly token: string; readonly email: string | null } {
  return { token: sessionStorage.getItem(TOKEN_KEY) ?? '', email: sessionStorage.getItem(EMAIL_KEY) };
}

/** Signs in with a dev token (`POST /dev/token`, a server in dev auth mode) and keeps it for the tab. */
export async function devSignIn(email: string): Promise<string> {
  const { token } = await RecordingsApi.devToken(email);
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(EMAIL_KEY, email);
  return token;
}
