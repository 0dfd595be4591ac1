import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../db/columns';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';

/** An attendee's rating of a talk: one per person per talk (the primary key), editable. */
@Entity('feedback')
@Check('feedback_rating_range', 'rating BETWEEN 1 AND 5')
export class Feedback {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Index() @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'smallint' }) rating: number;
  @Column({ type: 'text', default: '' }) comment: string;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
