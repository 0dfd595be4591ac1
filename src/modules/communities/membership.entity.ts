import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../../db/columns';
import { Person } from '../people/person.entity';
import { Community } from './community.entity';

import { ROLES, type Role } from '../../core/policy';

export { ROLES, type Role };

@Entity('membership')
export class Membership {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId: string;
  @Index() @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'enum', enum: ROLES, enumName: 'membership_role', default: 'member' }) role: Role;
  @CreatedAt() createdAt: Date;
}
