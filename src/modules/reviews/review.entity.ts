import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../db/columns';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';

/** One review per reviewer per proposal: the primary key makes the upsert race-free. */
@Entity('review')
@Check('review_score_range', 'score BETWEEN 1 AND 5')
export class Review {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Index() @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'reviewer_id' }) reviewer?: Person;
  @Column({ type: 'smallint' }) score: number;
  @Column({ type: 'text', default: '' }) comment: string;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
