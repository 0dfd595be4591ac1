import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';

/** A call for proposals. `closesAt` null is a rolling call, open for good once it opens. */
@Entity('call_for_proposals')
@Check('call_window', 'closes_at IS NULL OR closes_at > opens_at')
export class Call {
  @UuidKey() id: string;
  @Index() @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true }) closesAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

@Entity('call_format')
@Unique('call_format_key', ['callId', 'key'])
@Check('call_format_duration', 'duration_minutes BETWEEN 1 AND 1440')
export class CallFormat {
  @UuidKey() id: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId: string;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'duration_minutes', type: 'integer' }) durationMinutes: number;
  @Column({ type: 'integer', default: 0 }) position: number;
}

@Entity('call_track')
@Unique('call_track_key', ['callId', 'key'])
export class CallTrack {
  @UuidKey() id: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId: string;
  @ManyToOne(() => Call, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'integer', default: 0 }) position: number;
}

/** Whether a call takes proposals at `at`: opened, and not yet closed (a rolling call never closes). */
export const isOpen = (c: Pick<Call, 'opensAt' | 'closesAt'>, at = new Date()) =>
  c.opensAt.getTime() <= at.getTime() && (c.closesAt === null || at.getTime() < c.closesAt.getTime());
