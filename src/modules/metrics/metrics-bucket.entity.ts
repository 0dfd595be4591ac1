import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Community } from '../communities/community.entity';

/**
 * One bucket of a community's figures (metrics.queries.ts says what each figure is), kept so that a
 * period's figures are read, not recomputed (issue #30), until `valid_until`, when they change by
 * time alone (an event or talk that started in it ends, a task falls due). Database triggers
 * (migration MetricsRollup) delete every kept bucket a write could change: those that end after the
 * earliest time the write touched. `figures` is the statement's row as JSON. A change to what a
 * figure means must come with a migration that empties this table.
 */
@Entity('metrics_bucket')
@Index('metrics_bucket_by_end', ['communityId', 'endsAt'])
export class MetricsBucket {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) unit: string;
  @PrimaryColumn({ name: 'time_zone', type: 'varchar', length: 64 }) timeZone: string;
  @PrimaryColumn({ type: 'date' }) starts: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  /** Until when the figures hold by time alone ('infinity' once every event, talk and task in it is over). */
  @Column({ name: 'valid_until', type: 'timestamptz' }) validUntil: Date;
  @Column({ type: 'jsonb' }) figures: unknown;
}
