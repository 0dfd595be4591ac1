import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Proposal } from '../proposals/proposal.entity';
import { Event } from './event.entity';

/**
 * A talk on an event's agenda. A proposal has at most one slot (unique); slots of one event never
 * overlap (exclusion constraint). Inside-the-event and speaker clashes are checked in the placing
 * transaction, under locks on the event and the speakers.
 */
@Entity('slot')
/** For the lessons prompt (talks that ended lately) and metrics; made by the AfterTheTalk migration. */
@Index('slot_by_end', { synchronize: false })
@Check('slot_times', 'ends_at > starts_at')
@Exclusion('slot_overlap', 'USING gist (event_id WITH =, tstzrange(starts_at, ends_at) WITH &&)')
export class Slot {
  @UuidKey() id: string;
  @Index() @Column({ name: 'event_id', type: 'uuid' }) eventId: string;
  @ManyToOne(() => Event, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Event;
  @Column({ name: 'proposal_id', type: 'uuid', unique: true }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'integer', default: 0 }) sequence: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
