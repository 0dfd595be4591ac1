import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';

export const NOMINATION_STATUSES = ['open', 'accepted', 'declined'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/**
 * Someone thinks a colleague should speak about a topic. One open nomination per nominee, topic and
 * community (a partial unique index, made by the migration); accepting makes a draft proposal.
 */
@Entity('nomination')
@Index('nomination_one_open', { synchronize: false })
@Index('nomination_by_community', ['communityId', 'createdAt'])
@Index('nomination_by_nominator', ['nominatorId', 'createdAt'])
@Index('nomination_by_nominee', ['nomineeId', 'createdAt'])
@Check('nomination_decided', `(status = 'open') = (decided_at IS NULL)`)
export class Nomination {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ name: 'nominator_id', type: 'uuid' }) nominatorId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nominator_id' }) nominator?: Person;
  @Column({ name: 'nominee_id', type: 'uuid' }) nomineeId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'nominee_id' }) nominee?: Person;
  @Column({ type: 'varchar', length: 200 }) topic: string;
  @Column({ type: 'text', default: '' }) reason: string;
  @Column({ type: 'enum', enum: NOMINATION_STATUSES, enumName: 'nomination_status', default: 'open' })
  status: NominationStatus;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason: string | null;
  @Index() @Column({ name: 'proposal_id', type: 'uuid', nullable: true }) proposalId: string | null;
  @ManyToOne(() => Proposal, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
