/** Who is asking: the person behind a request, by API token or by browser session. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** the language the person chose (person.language), read with the credential: no query per page */
  language?: string | null;
  /** set when the request came with an API token */
  tokenId?: string;
  /** set when the request came with a session cookie */
  sessionId?: string;
  /** the session's CSRF token, which unsafe cookie-borne requests echo */
  csrfToken?: string;
}
