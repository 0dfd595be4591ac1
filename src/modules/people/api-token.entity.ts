import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAt, UuidKey } from '../../db/columns';
import { Person } from './person.entity';

/** A personal API token. Only the SHA-256 of the secret is kept; the secret is shown once. */
@Entity('api_token')
export class ApiToken {
  @UuidKey() id: string;
  @Index() @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'person_id' }) person?: Person;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true }) tokenHash: string;
  @Column({ type: 'varchar', length: 16 }) prefix: string;
  @CreatedAt() createdAt: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
