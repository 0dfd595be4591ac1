import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Call, CallFormat, CallTrack } from '../cfp/call.entity';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';
import { PROPOSAL_STATES, ProposalState } from './state-machine';
import { LANGUAGES, type Language } from '../../core/i18n/languages';

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];
/** A talk is given in one of the languages Brownbag ships (BCP 47). */
export { LANGUAGES, type Language };

/**
 * `reviewCount`/`reviewMean` are kept by the review upsert in the same transaction (under a row
 * lock on the proposal), so the organizers' list can sort by score from an index.
 * The three list indexes are `synchronize: false`: TypeORM 1.1's schema diff reports these composite
 * indexes as changed on every comparison; the Foundation migration creates them.
 */
@Entity('proposal')
@Index('proposal_by_created', { synchronize: false })
@Index('proposal_by_mean', { synchronize: false })
@Index('proposal_by_count', { synchronize: false })
/** Metrics find a period's submissions by it (migration MetricsRollup). */
@Index('proposal_by_submission', { synchronize: false })
export class Proposal {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Index() @Column({ name: 'call_id', type: 'uuid' }) callId: string;
  @ManyToOne(() => Call, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Index() @Column({ name: 'format_id', type: 'uuid' }) formatId: string;
  @ManyToOne(() => CallFormat, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'format_id' }) format?: CallFormat;
  @Index() @Column({ name: 'track_id', type: 'uuid', nullable: true }) trackId: string | null;
  @ManyToOne(() => CallTrack, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'track_id' }) track?: CallTrack;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) abstract: string;
  @Column({ type: 'enum', enum: LEVELS, enumName: 'proposal_level', default: 'intermediate' }) level: Level;
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'talk_language', default: 'en' }) language: Language;
  @Column({ type: 'text', default: '' }) notes: string;
  @Column({ type: 'enum', enum: PROPOSAL_STATES, enumName: 'proposal_state', default: 'draft' }) state: ProposalState;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ name: 'review_count', type: 'integer', default: 0 }) reviewCount: number;
  @Column({ name: 'review_mean', type: 'double precision', default: 0 }) reviewMean: number;
  /**
   * SEQUENCE of the talk's calendar entry (UID talk-<id>): a trigger raises it on every insert,
   * change or removal of its slot, so it only grows, even across removal and re-placing.
   */
  @Column({ name: 'talk_sequence', type: 'integer', default: 0 }) talkSequence: number;
  @Index() @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'created_by' }) creator?: Person;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
}

/** Exactly one primary speaker per proposal (partial unique index); co-speakers follow by position. */
@Entity('proposal_speaker')
@Index('proposal_one_primary_speaker', ['proposalId'], { unique: true, where: 'is_primary' })
export class ProposalSpeaker {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Index() @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ name: 'is_primary', type: 'boolean', default: false }) isPrimary: boolean;
  @Column({ type: 'integer', default: 0 }) position: number;
}

/**
 * A co-speaker asked and not yet answered: nobody becomes a speaker of someone else's proposal
 * without saying yes (being a speaker takes a reviewer off its reviews and hides its figures from
 * an organizer). Accepting moves the row into proposal_speaker; declining deletes it.
 */
@Entity('co_speaker_invitation')
export class CoSpeakerInvitation {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @Index() @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'integer', default: 0 }) position: number;
  @Column({ name: 'invited_by', type: 'uuid' }) invitedBy: string;
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'invited_by' }) inviter?: Person;
  @Column({ name: 'invited_at', type: 'timestamptz', default: () => 'now()' }) invitedAt: Date;
}

/** Every move of a proposal: who, when, from, to. `fromState` is null for the creation. */
@Entity('proposal_transition')
@Index('proposal_transition_by_proposal', ['proposalId', 'at'])
/** Metrics find a period's decisions by it (migration MetricsRollup). */
@Index('proposal_decision_by_time', { synchronize: false })
export class ProposalTransition {
  @UuidKey() id: string;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Index() @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @ManyToOne(() => Person, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'actor_id' }) actor?: Person;
  @Column({ name: 'from_state', type: 'enum', enum: PROPOSAL_STATES, enumName: 'proposal_state', nullable: true })
  fromState: ProposalState | null;
  @Column({ name: 'to_state', type: 'enum', enum: PROPOSAL_STATES, enumName: 'proposal_state' }) toState: ProposalState;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  /** For decisions: when the speakers were told; null while an organizer stages the decision. */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true }) notifiedAt: Date | null;
}
