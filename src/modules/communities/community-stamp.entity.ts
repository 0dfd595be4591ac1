import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Community } from './community.entity';

/**
 * A community's content version, striped so that writers do not queue behind one row (issue #14).
 * Database triggers (see migration NoHotRow) add one to the stripe of the writing backend
 * (`pg_backend_pid() % 64`) once per transaction, at commit; a reader's version is the sum over the
 * stripes. The sum only grows, and a change is counted by the same commit that makes it visible, so a
 * cache keyed by the sum read before the data never serves data older than its key.
 *
 * `feed_n` counts only the changes a calendar feed shows (events, rooms, slots, scheduled talks and
 * their speakers' names); those commits also send `NOTIFY bb_feed, '<community id>'`, which lets
 * every instance answer an unchanged feed's poll from memory.
 *
 * `public_n` counts only the changes everyone who may see the community sees (migration
 * PublicVersion): not submissions, reviews, tasks or invitations to co-speak, which only organizers,
 * reviewers and speakers see. Pages every member reads (the home, an event, search) key by it.
 * `task_n` counts changes to tasks (the task board keys by it and `public_n`).
 */
@Entity('community_stamp')
export class CommunityStamp {
  @PrimaryColumn({ name: 'community_id', type: 'uuid' }) communityId: string;
  @PrimaryColumn({ type: 'smallint' }) stripe: number;
  @ManyToOne(() => Community, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'community_id' }) community?: Community;
  @Column({ type: 'bigint', default: 0 }) n: string;
  @Column({ name: 'feed_n', type: 'bigint', default: 0 }) feedN: string;
  @Column({ name: 'public_n', type: 'bigint', default: 0 }) publicN: string;
  @Column({ name: 'task_n', type: 'bigint', default: 0 }) taskN: string;
  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' }) changedAt: Date;
  @Column({ name: 'feed_changed_at', type: 'timestamptz', default: () => 'now()' }) feedChangedAt: Date;
}
