/**
 * Sign-in: browser sessions, one-time sign-in links, the identities a provider vouches for, and
 * the short-lived state of an OpenID Connect round trip. Every secret is stored as its SHA-256.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UuidKey } from '../../db/columns';
import { Person } from '../people/person.entity';

export const SIGN_IN_METHODS = ['email-link', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A signed-in browser. The cookie holds the secret; revoking sets revoked_at and every instance sees it at once. */
@Entity('session')
export class Session {
  @UuidKey() id: string;
  @Index() @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true }) tokenHash: string;
  /** The synchronizer token unsafe cookie-borne requests must echo (X-CSRF-Token or a _csrf field). */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 }) csrfToken: string;
  @Column({ type: 'enum', enum: SIGN_IN_METHODS, enumName: 'sign_in_method' }) method: SignInMethod;
  @Column({ name: 'user_agent', type: 'varchar', length: 300, default: '' }) userAgent: string;
  @CreatedAt() createdAt: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' }) lastSeenAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}

/**
 * A one-time sign-in link: requested on the sign-in page (15 minutes) or written into an
 * invitation mail (longer). Single use: consuming it is one UPDATE … WHERE used_at IS NULL.
 */
@Entity('sign_in_link')
export class SignInLink {
  @UuidKey() id: string;
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true }) tokenHash: string;
  @Column({ type: 'varchar', length: 320 }) email: string;
  /** Where the person goes once signed in: a path on this site. */
  @Column({ name: 'next_path', type: 'varchar', length: 2000, default: '/' }) nextPath: string;
  @CreatedAt() createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}

/**
 * A link someone asked for on the sign-in page, for any address (known or not): what the
 * per-address limit counts. Links written into mails (invitations, nominations) are not requests and
 * never use it up. Swept after a day.
 */
@Entity('sign_in_request')
@Index('sign_in_request_recent', ['email', 'createdAt'])
export class SignInRequest {
  @UuidKey() id: string;
  @Column({ type: 'varchar', length: 320 }) email: string;
  @CreatedAt() createdAt: Date;
}

/** Who a provider says a person is: (issuer, sub) stays theirs when their address changes. */
@Entity('person_identity')
export class PersonIdentity {
  @PrimaryColumn({ type: 'varchar', length: 500 }) issuer: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) subject: string;
  @Index() @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @CreatedAt() createdAt: Date;
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', default: () => 'now()' }) lastSignInAt: Date;
}

/**
 * One OpenID Connect round trip in flight: the browser holds a random key in a cookie; the state,
 * nonce and PKCE verifier stay here, so any instance can finish the round trip, and only once.
 */
@Entity('oidc_login')
export class OidcLogin {
  @PrimaryColumn({ name: 'key_hash', type: 'char', length: 64 }) keyHash: string;
  @Column({ type: 'varchar', length: 128 }) state: string;
  @Column({ type: 'varchar', length: 128 }) nonce: string;
  @Column({ name: 'code_verifier', type: 'varchar', length: 128 }) codeVerifier: string;
  @Column({ name: 'next_path', type: 'varchar', length: 2000, default: '/' }) nextPath: string;
  @CreatedAt() createdAt: Date;
}
