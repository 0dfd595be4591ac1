import { Check, Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidKey } from '../../db/columns';
import { Community } from '../communities/community.entity';

@Entity('room')
@Unique('room_name', ['communityId', 'name'])
@Check('room_capacity', 'capacity IS NULL OR capacity > 0')
export class Room {
  @UuidKey() id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  @Column({ type: 'varchar', length: 500, default: '' }) location: string;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
