import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Room } from '../events/room.entity';

/**
 * A meetup series: what every occurrence is (title, place, capacity, published or draft) and how
 * many upcoming occurrences are kept as real events. When it meets is its rules (series_rule).
 */
@Entity('series')
@Index('series_by_community', ['communityId', 'createdAt'])
@Check('series_upcoming', 'upcoming BETWEEN 1 AND 52')
@Check('series_capacity', 'capacity IS NULL OR capacity > 0')
export class Series {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'time_zone', type: 'varchar', length: 64 }) timeZone: string;
  @Index() @Column({ name: 'room_id', type: 'uuid', nullable: true }) roomId: string | null;
  @ManyToOne(() => Room, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'room_id' }) room?: Room;
  @Column({ name: 'online_url', type: 'varchar', length: 2000, nullable: true }) onlineUrl: string | null;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  /** occurrences are made published (true) or as drafts for an organizer to publish */
  @Column({ type: 'boolean', default: false }) publish: boolean;
  /** how many upcoming occurrences exist as events */
  @Column({ type: 'integer', default: 6 }) upcoming: number;
  /** the format mix of an occurrence, e.g. {"talk": 2, "lightning": 3}: at most that many of each; {}: any */
  @Column({ name: 'format_mix', type: 'jsonb', default: () => "'{}'" }) formatMix: Record<string, number>;
  /** the last local date it may meet on; null while it runs */
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/** A cadence from a local date on, until the next rule's date: changing the cadence adds a rule. */
@Entity('series_rule')
@Check('series_rule_start', 'start_minute BETWEEN 0 AND 1439')
@Check('series_rule_length', 'duration_minutes BETWEEN 5 AND 1440')
export class SeriesRule {
  @PrimaryColumn({ name: 'series_id', type: 'uuid' }) seriesId: string;
  @ManyToOne(() => Series, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'series_id' }) series?: Series;
  @PrimaryColumn({ name: 'from_on', type: 'date' }) fromOn: string;
  @Column({ type: 'varchar', length: 500 }) rrule: string;
  @Column({ name: 'start_minute', type: 'smallint' }) startMinute: number;
  @Column({ name: 'duration_minutes', type: 'smallint' }) durationMinutes: number;
  @CreatedAt() createdAt: Date;
}

/** A skipped occurrence (a holiday): never made, or its event removed; the others are untouched. */
@Entity('series_skip')
export class SeriesSkip {
  @PrimaryColumn({ name: 'series_id', type: 'uuid' }) seriesId: string;
  @ManyToOne(() => Series, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'series_id' }) series?: Series;
  @PrimaryColumn({ name: 'occurrence_on', type: 'date' }) occurrenceOn: string;
  @CreatedAt() createdAt: Date;
}
