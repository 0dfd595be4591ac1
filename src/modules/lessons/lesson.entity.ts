import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';

export const LESSON_STATUSES = ['draft', 'published'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];
export interface Resource {
  label: string;
  url: string;
}

/**
 * What a talk taught: one per talk (the primary key), written by its speakers; the organizers'
 * retrospective sits beside it. Published lessons join the knowledge base (talk_document).
 */
@Entity('lesson')
@Index('lesson_published', ['communityId', 'publishedAt'])
@Check('lesson_published_at', `(status = 'published') = (published_at IS NOT NULL)`)
@Check('lesson_lists', `jsonb_typeof(takeaways) = 'array' AND jsonb_typeof(resources) = 'array'`)
export class Lesson {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'jsonb', default: () => "'[]'" }) takeaways: string[];
  @Column({ name: 'went_well', type: 'text', default: '' }) wentWell: string;
  @Column({ name: 'to_change', type: 'text', default: '' }) toChange: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) resources: Resource[];
  @Column({ type: 'text', default: '' }) notes: string;
  /** null until a speaker writes the summary (an organizer's retrospective may come first). */
  @Column({ type: 'enum', enum: LESSON_STATUSES, enumName: 'lesson_status', nullable: true })
  status: LessonStatus | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'written_by', type: 'uuid', nullable: true }) writtenBy: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'written_by' }) writer?: Person;
  @Column({ type: 'text', nullable: true }) retrospective: string | null;
  @Column({ name: 'retrospective_by', type: 'uuid', nullable: true }) retrospectiveBy: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'retrospective_by' })
  retrospectiveAuthor?: Person;
  @Column({ name: 'retrospective_at', type: 'timestamptz', nullable: true }) retrospectiveAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/** "What did you learn?" asked once per talk, reminded once: the primary key and reminded_at say so, with any number of workers. */
@Entity('lesson_prompt')
export class LessonPrompt {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ name: 'prompted_at', type: 'timestamptz', default: () => 'now()' }) promptedAt: Date;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
}
