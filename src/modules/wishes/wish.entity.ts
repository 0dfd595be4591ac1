import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';
import { Proposal } from '../proposals/proposal.entity';

export const WISH_STATUSES = ['open', 'closed'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

/**
 * A topic a member would like to hear about. Members vote for it (one vote each, withdrawable);
 * anyone may offer to talk about it, which starts a draft proposal. Its author or an organizer
 * closes it (nothing is deleted: the votes and offers stay with it).
 */
@Entity('topic_wish')
@Index('topic_wish_by_community', ['communityId', 'status', 'createdAt'])
@Index('topic_wish_by_author', ['authorId'])
@Check('topic_wish_closed', `(status = 'open') = (closed_at IS NULL)`)
export class TopicWish {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'author_id' }) author?: Person;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) details: string;
  @Column({ type: 'enum', enum: WISH_STATUSES, enumName: 'topic_wish_status', default: 'open' }) status: WishStatus;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}

/** One vote per person and wish: the key says so, so concurrent votes cannot count twice. */
@Entity('topic_wish_vote')
@Index('topic_wish_vote_by_person', ['personId'])
export class TopicWishVote {
  @PrimaryColumn({ name: 'wish_id', type: 'uuid' }) wishId: string;
  @ManyToOne(() => TopicWish, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'wish_id' }) wish?: TopicWish;
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @CreatedAt() createdAt: Date;
}

/** "I could talk about this": one per person and wish, with the draft proposal it started. */
@Entity('topic_wish_offer')
@Index('topic_wish_offer_by_proposal', ['proposalId'], { unique: true })
export class TopicWishOffer {
  @PrimaryColumn({ name: 'wish_id', type: 'uuid' }) wishId: string;
  @ManyToOne(() => TopicWish, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'wish_id' }) wish?: TopicWish;
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ name: 'proposal_id', type: 'uuid' }) proposalId: string;
  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'proposal_id' }) proposal?: Proposal;
  @CreatedAt() createdAt: Date;
}
