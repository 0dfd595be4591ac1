import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Jobs waiting to enter graphile-worker's queue. graphile's `add_job` sends a NOTIFY, and every
 * committing transaction that notified takes one database-wide lock through its commit (WAL flush
 * included), so hot paths that enqueue (a proposal's receipt) would commit one at a time. They
 * write a row here instead, in their own statement; each worker moves the rows into the queue about
 * once a second, a batch per transaction and one NOTIFY per batch (`drainOutbox` in queue.ts).
 */
@Entity('job_outbox')
export class JobOutbox {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'text' }) task: string;
  @Column({ type: 'jsonb' }) payload: object;
  @Column({ name: 'job_key', type: 'text', nullable: true }) jobKey: string | null;
  @Column({ name: 'max_attempts', type: 'smallint' }) maxAttempts: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
