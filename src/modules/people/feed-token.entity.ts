import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UuidKey } from '../../db/columns';
import { Person } from './person.entity';

/** A secret calendar-feed token: the URL is the credential, so it is revocable and stored hashed. */
@Entity('feed_token')
export class FeedToken {
  @UuidKey() id: string;
  @Index() @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true }) tokenHash: string;
  @Column({ type: 'varchar', length: 16 }) prefix: string;
  @CreatedAt() createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
