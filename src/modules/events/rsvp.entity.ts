import { Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../db/columns';
import { Person } from '../people/person.entity';
import { Event } from './event.entity';

export const RSVP_STATUSES = ['going', 'waitlisted', 'declined'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** One answer per person per event. `arrival` orders the waitlist: first come, first promoted. */
@Entity('rsvp')
@Index('rsvp_by_status', ['eventId', 'status', 'arrival'])
export class Rsvp {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId: string;
  @Index() @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Event, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'event_id' }) event?: Event;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'enum', enum: RSVP_STATUSES, enumName: 'rsvp_status' }) status: RsvpStatus;
  @Column({ type: 'bigint' }) @Generated('increment') arrival: string;
  /**
   * Raised each time the person takes or gives up a seat: their calendar copy's SEQUENCE is the
   * event's plus this, so a re-invitation after leaving outranks the cancellation (and its mail
   * gets a Message-ID of its own).
   */
  @Column({ name: 'invite_round', type: 'integer', default: 0 }) inviteRound: number;
  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true }) checkedInAt: Date | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
