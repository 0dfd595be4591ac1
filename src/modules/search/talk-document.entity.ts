import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { LANGUAGES, Proposal, type Language } from '../proposals/proposal.entity';

/**
 * The knowledge base's full-text document of a talk (accepted or confirmed proposals only): title (weight A), speakers (B), abstract and
 * published lesson (C). Kept by triggers on proposal, proposal_speaker, person and lesson (migration
 * AfterTheTalk), so it is never out of step with what it indexes. The GIN index is made by the migration.
 */
@Entity('talk_document')
@Index('talk_document_search', { synchronize: false })
export class TalkDocument {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @OneToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ type: 'tsvector' }) document: string;
  // Copies of the proposal's filter columns, so ranking thousands of matches reads this table alone.
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @Column({ name: 'track_id', type: 'uuid', nullable: true }) trackId: string | null;
  /** The talk's language: which text-search configuration its document was made with (talk_search_config). */
  @Index('talk_document_language')
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'talk_language', default: 'en' })
  language: Language;
  /** lower(btrim(title)): an exact title match ranks first. */
  @Column({ name: 'title_key', type: 'text' }) titleKey: string;
}
