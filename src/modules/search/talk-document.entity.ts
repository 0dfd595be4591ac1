import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Proposal } from '../proposals/proposal.entity';

/**
 * The knowledge base's full-text document of a talk: title (weight A), speakers (B), abstract and
 * published lesson (C). Kept by triggers on proposal, proposal_speaker, person and lesson (migration
 * AfterTheTalk), so it is never out of step with what it indexes. The GIN index is made by the migration.
 */
@Entity('talk_document')
@Index('talk_document_search', { synchronize: false })
export class TalkDocument {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @OneToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @Column({ type: 'tsvector' }) document: string;
}
