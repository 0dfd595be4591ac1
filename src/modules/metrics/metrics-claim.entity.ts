import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Community } from '../communities/community.entity';

/**
 * A reader about to keep buckets it is computing (metrics.rollup.ts). Every write the triggers see
 * after the claim lowers `upto` to the earliest time it touched, and the reader keeps only buckets
 * that end by `upto`: a write its snapshot may have missed can never be baked into a kept bucket.
 */
@Entity('metrics_claim')
@Index('metrics_claim_by_community', ['communityId'])
export class MetricsClaim {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'timestamptz', default: () => "'infinity'" }) upto: Date;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
