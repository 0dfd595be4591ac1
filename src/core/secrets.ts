/**
 * Sealing secrets we must use again (a chat's webhook URL, a webhook signing secret): AES-256-GCM
 * with a key from SECRET_KEY (32 bytes, base64) when set — then a copy of the database alone opens
 * nothing — else a key made once per installation and kept in instance_setting, which still keeps
 * the secrets out of API answers, logs and exports of the tables that hold them.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Where the installation's own key is kept when SECRET_KEY is not set: given a fresh key, it returns
 * the one kept (the fresh one, the first time). db/instance-settings.ts's secretKeyStore is one.
 */
export type KeyStore = (fresh: string) => Promise<string>;

export class Sealer {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly store: KeyStore,
    private readonly configured: string | undefined = process.env.SECRET_KEY,
  ) {}

  private keyOf(): Promise<Buffer> {
    this.key ??= (async () => {
      if (this.configured) {
        const k = Buffer.from(this.configured, 'base64');
        if (k.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, base64');
        return k;
      }
      return Buffer.from(await this.store(randomBytes(32).toString('base64')), 'base64');
    })().catch((e) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }

  /**
   * A secret derived from the key and a label (HMAC-SHA256, base64url): the same label gives the same
   * secret, so something made again (a mail retried) can carry the secret it carried the first time.
   */
  async derive(label: string): Promise<string> {
    return createHmac('sha256', await this.keyOf())
      .update(label)
      .digest('base64url');
  }

  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', await this.keyOf(), iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  async open(sealed: string): Promise<string> {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1') throw new Error('unknown seal');
    const d = createDecipheriv('aes-256-gcm', await this.keyOf(), Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }
}
