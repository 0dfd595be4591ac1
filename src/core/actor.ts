/** Who is asking: the person behind a request (an API token today, a browser session next). */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  tokenId: string;
}
