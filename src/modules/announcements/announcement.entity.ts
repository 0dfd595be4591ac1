import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';

export const DESTINATION_KINDS = ['slack', 'teams', 'mattermost', 'google-chat', 'webhook'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];
export const HAPPENINGS = [
  'event.published',
  'event.moved',
  'event.canceled',
  'call.opened',
  'call.closing',
  'talk.tomorrow',
  'lesson.published',
  'wish.created',
  'health.act',
] as const;
export type Happening = (typeof HAPPENINGS)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Where a community's announcements go: a chat's incoming webhook (Slack, Teams, Mattermost, Google
 * Chat) or a generic webhook signed per the Standard Webhooks spec. The URL and the signing secret
 * are sealed (AES-256-GCM, src/core/secrets.ts) and never returned after creation.
 */
@Entity('announcement_destination')
@Index('destination_by_community', ['communityId', 'createdAt'])
export class AnnouncementDestination {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'enum', enum: DESTINATION_KINDS, enumName: 'destination_kind' }) kind: DestinationKind;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** the URL, sealed */
  @Column({ name: 'url_sealed', type: 'text' }) urlSealed: string;
  /** host and the URL's last characters, to tell destinations apart */
  @Column({ name: 'url_hint', type: 'varchar', length: 300 }) urlHint: string;
  /** webhook kind: the Standard Webhooks signing secret, sealed */
  @Column({ name: 'secret_sealed', type: 'text', nullable: true }) secretSealed: string | null;
  @Column({ type: 'text', array: true }) happenings: string[];
  /** deliveries that failed in a row (every attempt used); at 3 the destination pauses */
  @Column({ name: 'failures_in_a_row', type: 'integer', default: 0 }) failuresInARow: number;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/**
 * One happening for one destination. The key (destination, happening key) makes each happening
 * one delivery however many workers or requests announce it; the job retries it with back-off.
 */
@Entity('announcement_delivery')
@Unique('delivery_once', ['destinationId', 'happeningKey'])
@Index('delivery_by_destination', ['destinationId', 'createdAt'])
@Check('delivery_attempts', 'attempts >= 0')
export class AnnouncementDelivery {
  @UuidKey() id: string;
  @Column({ name: 'destination_id', type: 'uuid' }) destinationId: string;
  @ManyToOne(() => AnnouncementDestination, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'destination_id' })
  destination?: AnnouncementDestination;
  @Column({ type: 'varchar', length: 40 }) happening: string;
  @Column({ name: 'happening_key', type: 'varchar', length: 300 }) happeningKey: string;
  @Column({ type: 'jsonb' }) payload: object;
  @Column({ type: 'enum', enum: DELIVERY_STATUSES, enumName: 'delivery_status', default: 'pending' })
  status: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ name: 'last_status', type: 'integer', nullable: true }) lastStatus: number | null;
  /** why the last attempt failed: a status line or a network error, never the answer's body */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  /** how long the last attempt took, in milliseconds */
  @Column({ name: 'last_duration_ms', type: 'integer', nullable: true }) lastDurationMs: number | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
