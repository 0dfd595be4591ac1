import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';
import { Person } from '../people/person.entity';

/**
 * A role in a community's organizing team (architect, moderator, ambassador, empath…) and who holds
 * it. Task templates can be owned by a role: a talk's checklist assigns them to the holder then, and
 * handing the role over moves its open tasks to the new holder.
 */
@Entity('team_role')
@Unique('team_role_key', ['communityId', 'key'])
@Index('team_role_by_holder', ['holderId'])
export class TeamRole {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  /** the role's fixed name in URLs and filters, e.g. ambassador */
  @Column({ type: 'varchar', length: 40 }) key: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'holder_id', type: 'uuid', nullable: true }) holderId: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'holder_id' }) holder?: Person;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
