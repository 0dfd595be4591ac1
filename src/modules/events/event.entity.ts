import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Room } from './room.entity';
import { Series } from '../series/series.entity';

export const EVENT_STATUSES = ['draft', 'published', 'canceled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * An event: instants in `timestamptz`, shown in `timeZone`. `sequence` grows on every change a
 * calendar must see (time, place, title, status, agenda); `version` on every change (ETag).
 * Two events that are not canceled never overlap in one room: the exclusion constraint says so.
 */
@Entity('event')
@Check('event_times', 'ends_at > starts_at')
@Check('event_capacity', 'capacity IS NULL OR capacity > 0')
@Exclusion(
  'event_room_overlap',
  `USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE ((room_id IS NOT NULL) AND (status <> 'canceled'::event_status))`,
)
@Index('event_by_start', ['communityId', 'startsAt', 'id'])
@Index('event_one_per_occurrence', ['seriesId', 'occurrenceOn'], { unique: true, where: 'series_id IS NOT NULL' })
export class Event {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ name: 'time_zone', type: 'varchar', length: 64 }) timeZone: string;
  @Index() @Column({ name: 'room_id', type: 'uuid', nullable: true }) roomId: string | null;
  @ManyToOne(() => Room, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'room_id' }) room?: Room;
  @Column({ name: 'online_url', type: 'varchar', length: 2000, nullable: true }) onlineUrl: string | null;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  @Column({ type: 'enum', enum: EVENT_STATUSES, enumName: 'event_status', default: 'draft' }) status: EventStatus;
  /** An occurrence of a series: the series and the local date it falls on by the series' rules. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId: string | null;
  @ManyToOne(() => Series, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'series_id' }) series?: Series;
  @Column({ name: 'occurrence_on', type: 'date', nullable: true }) occurrenceOn: string | null;
  /** Why the organizers canceled it, for the cancellation people receive. */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ type: 'integer', default: 0 }) sequence: number;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
